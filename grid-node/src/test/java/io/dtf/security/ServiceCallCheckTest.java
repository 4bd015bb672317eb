package io.dtf.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.AggregatorApi;
import io.dtf.client.CoordinatorApi;
import io.dtf.security.token.RevocationList;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.token.TokenVerifier;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The role table and the checks made from it, without a grid: what each role may call, and why a call is refused. */
class ServiceCallCheckTest {
    private static final String COORDINATOR = CoordinatorApi.SERVICE_NAME;
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private final Map<String, RunOwners.Owner> owners = Map.of("run-ann", new RunOwners.Owner("ann"),
            "run-old", new RunOwners.Owner(null));

    @TempDir
    Path dir;
    private TokenIssuer issuer;
    private ServiceCallCheck check;

    @BeforeEach
    void keys() {
        SigningKeys keys = SigningKeys.create(dir);
        issuer = new TokenIssuer(keys, clock);
        check = new ServiceCallCheck(new VerifiedTokens(TokenVerifier.of(keys, RevocationList.NONE, clock), clock,
                VerifiedTokens.DEFAULT_TTL),
                runId -> Optional.ofNullable(owners.get(runId)));
    }

    @Test
    void everyMethodOfBothServiceContractsIsInTheTableAndRevokingTokensIsForAdmins() {
        assertEquals(methods(CoordinatorApi.class, "revokeToken", "report"),
                ServiceAccess.table().get(COORDINATOR).keySet().stream().collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(methods(AggregatorApi.class), new TreeSet<>(ServiceAccess.table().get(AggregatorApi.SERVICE_NAME)
                .keySet()));
        assertEquals(Role.ADMIN, ServiceAccess.of(COORDINATOR, "revokeToken").orElseThrow().role());
        assertEquals(Role.NODE, ServiceAccess.of(COORDINATOR, "report").orElseThrow().role());
        assertTrue(ServiceAccess.of(COORDINATOR, "cancel").isEmpty(), "Service.cancel() is no client's call");
    }

    @Test
    void viewersReadSubmittersSubmitAdminsRelease() {
        String viewer = bearer(Role.VIEWER, "vic");
        String submitter = bearer(Role.SUBMITTER, "sue");
        String admin = bearer(Role.ADMIN, "ada");

        assertEquals("vic", call("runs", viewer).subject());
        assertEquals("vic", check.check(AggregatorApi.SERVICE_NAME, "analyze", new Object[] {"{}"}, viewer,
                Optional.empty()).subject());
        assertRefused("WRONG_ROLE", "needs submitter", () -> call("submit", viewer));
        assertEquals("sue", call("submit", submitter).subject());
        assertRefused("WRONG_ROLE", "needs admin", () -> call("release", submitter));
        assertEquals("ada", call("release", admin).subject());
        assertRefused("WRONG_ROLE", "needs node", () -> call("report", admin));
        assertRefused("NOT_A_CLIENT_CALL", "not a method clients may call", () -> call("cancel", admin));
    }

    @Test
    void aSubmitterCancelsItsOwnRunsOnlyAndAnAdminAnyone() {
        assertEquals("ann", call("cancelRun", bearer(Role.SUBMITTER, "ann"), "run-ann", null).subject());
        assertRefused("NOT_OWNER", "submitted by ann, not bob", () -> call("cancelRun", bearer(Role.SUBMITTER, "bob"),
                "run-ann", "task-1"));
        assertRefused("NOT_OWNER", "only an admin may cancel it", () -> call("cancelRun", bearer(Role.SUBMITTER,
                "ann"), "run-old", null));
        assertRefused("WRONG_ROLE", "needs submitter", () -> call("cancelRun", bearer(Role.VIEWER, "ann"), "run-ann",
                null));
        assertEquals("ada", call("cancelRun", bearer(Role.ADMIN, "ada"), "run-ann", null).subject());
        assertEquals("ada", call("cancelRun", bearer(Role.ADMIN, "ada"), "run-old", null).subject());
        assertEquals("bob", call("cancelRun", bearer(Role.SUBMITTER, "bob"), "run-unknown", null).subject(),
                "an unknown run goes on to the coordinator, which says so");
    }

    @Test
    void aCallWithoutATokenIsRefusedUnlessIgniteVouchesForAGridNodeWhichMayOnlyReport() {
        assertRefused("MISSING", "no token", () -> call("runs", null));
        assertRefused("MALFORMED", "not 'Bearer <token>'", () -> call("runs", "Basic abc"));
        Principal node = check.check(COORDINATOR, "report", new Object[] {"{}"}, null, Optional.of("node-1"));
        assertEquals(Role.NODE, node.role());
        assertRefused("WRONG_ROLE", "needs viewer", () -> check.check(COORDINATOR, "runs", new Object[0], null,
                Optional.of("node-1")));
        assertEquals(Role.NODE, call("report", bearer(Role.NODE, "worker-7")).role(), "or a node token");
    }

    @Test
    void theCoordinatorsNodeMayReadTaskDurationsFromTheAggregatorAndAViewerMayNot() {
        Principal node = check.check(AggregatorApi.SERVICE_NAME, "taskDurations", new Object[] {"{}"}, null,
                Optional.of("node-1"));
        assertEquals(Role.NODE, node.role());
        assertRefused("WRONG_ROLE", "needs node", () -> check.check(AggregatorApi.SERVICE_NAME, "taskDurations",
                new Object[] {"{}"}, bearer(Role.ADMIN, "ada"), Optional.empty()));
    }

    @Test
    void refusalsNameTheCallAndNeverTheToken() {
        String token = issuer.issue(Role.VIEWER, "vic", Duration.ofHours(1)).token();
        ServiceCallCheck.Refusal refusal = assertThrows(ServiceCallCheck.Refusal.class, () -> call("submit",
                "Bearer " + token));
        assertEquals("DTF access denied [WRONG_ROLE]: vic has role viewer; dtf-coordinator.submit needs submitter: "
                + "ask an admin for a token with that role", refusal.denied().getMessage());
        assertEquals("vic", refusal.caller().orElseThrow().subject());
        assertFalse(refusal.tokenRefused());
        ServiceCallCheck.Refusal forged = assertThrows(ServiceCallCheck.Refusal.class, () -> call("runs",
                "Bearer " + token.substring(0, token.length() - 4) + "AAAA"));
        assertTrue(forged.tokenRefused());
        for (ServiceCallCheck.Refusal r : new ServiceCallCheck.Refusal[] {refusal, forged}) {
            assertFalse(r.denied().getMessage().contains(token.split("\\.")[2]), r.denied().getMessage());
        }
    }

    private Principal call(String method, String authorization, Object... args) {
        return check.check(COORDINATOR, method, args, authorization, Optional.empty());
    }

    private String bearer(Role role, String subject) {
        return "Bearer " + issuer.issue(role, subject, Duration.ofHours(1)).token();
    }

    private static void assertRefused(String reason, String says, org.junit.jupiter.api.function.Executable call) {
        ServiceCallCheck.Refusal refusal = assertThrows(ServiceCallCheck.Refusal.class, call);
        assertEquals(reason, refusal.denied().reason(), refusal.getMessage());
        assertTrue(refusal.denied().detail().contains(says), refusal.getMessage());
    }

    private static Set<String> methods(Class<?> api, String... more) {
        Set<String> names = Arrays.stream(api.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        names.addAll(Arrays.asList(more));
        return names;
    }
}
