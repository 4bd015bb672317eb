package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.dtf.audit.AuditAction;
import io.dtf.client.AccessDeniedException;
import io.dtf.client.AggregatorClient;
import io.dtf.client.ClientOptions;
import io.dtf.client.CoordinatorApi;
import io.dtf.client.DtfClient;
import io.dtf.protocol.ReplyInbox;
import io.dtf.model.AuditEvent;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import io.dtf.security.Role;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.services.ServiceCallContext;
import org.apache.ignite.services.ServiceCallContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every service call on a node with security on is checked, through the real thin client: bad tokens
 * are refused each with its reason, each role does what it may and no more, a submitter cancels only
 * its own runs, and no token ever reaches a log line, an exception or the audit.
 */
class ServiceGuardIT {
    private static final int PORTS = 31400;

    private static SecureNode grid;
    private static ListAppender<ILoggingEvent> logs;
    private static final Map<String, Level> LEVELS = new LinkedHashMap<>();
    /** Every token handed to a client in this class, to look for afterwards. */
    private static final List<String> TOKENS = new ArrayList<>();

    @TempDir
    static Path elsewhere;

    @BeforeAll
    static void start() {
        captureLogs();
        grid = SecureNode.start("service-guard", PORTS);
    }

    @AfterAll
    static void stop() {
        if (grid != null) {
            grid.close();
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    @Test
    void forgedExpiredForeignRevokedOversizedMalformedAndMissingTokensAreRefusedSayingWhy() {
        String good = grid.token(Role.ADMIN, "ada");
        TokenIssuer.Issued revoked = grid.issue(Role.ADMIN, "leaver");
        grid.revoke(revoked.tokenId());
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"ada\"", "\"eve\"");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("BAD_SIGNATURE", parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        bad.put("EXPIRED", new TokenIssuer(grid.keys(), Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                .issue(Role.ADMIN, "ada", Duration.ofHours(1)).token());
        bad.put("UNKNOWN_KEY", new TokenIssuer(SigningKeys.create(elsewhere.resolve("other-grid")), Clock.systemUTC())
                .issue(Role.ADMIN, "ada", Duration.ofHours(1)).token());
        bad.put("REVOKED", revoked.token());
        bad.put("OVERSIZED", "e".repeat(9_000));
        bad.put("MALFORMED", "not-a-jwt");
        bad.put("MISSING", null);
        bad.put("WRONG_ROLE", grid.token(Role.NODE, "worker-1"));

        bad.forEach((reason, token) -> {
            try (DtfClient client = connect(token); AggregatorClient aggregator = AggregatorClient.connect(options(token))) {
                assertDenied(reason, null, client::runs);
                assertDenied(reason, null, () -> aggregator.conflicts("run-1"));
            }
        });
        try (DtfClient client = connect(good)) {
            assertTrue(client.runs().size() >= 0, "the good token of the same holder is accepted");
        }
        for (String reason : bad.keySet()) {
            String says = reason.equals("WRONG_ROLE") ? "has role node" : "refused";
            grid.awaitAudit(reason + " refused", e -> !e.allowed() && e.detail().contains(says));
        }
        grid.awaitAudit("the revoked token refused", e -> !e.allowed()
                && e.action().equals(AuditAction.TOKEN_REFUSED.label())
                && e.subject().equals("anonymous") && e.detail().contains("revoked"));
        grid.awaitAudit("the node token denied", e -> !e.allowed() && e.action().equals(AuditAction.DENIED.label())
                && e.subject().equals("worker-1"));
    }

    @Test
    void aViewerReadsEverythingButCannotSubmitCancelOrRelease() {
        try (DtfClient viewer = connect(grid.token(Role.VIEWER, "vic"));
             AggregatorClient aggregator = AggregatorClient.connect(options(grid.token(Role.VIEWER, "vic")))) {
            viewer.runs();
            viewer.workers();
            viewer.alerts();
            viewer.coordinator();
            assertNull(viewer.status("run-none"));
            assertEquals(List.of(), aggregator.results("run-none", null));
            assertDenied("WRONG_ROLE", "needs submitter", () -> viewer.submit(waitingSuite("viewer")));
            assertDenied("WRONG_ROLE", "needs submitter", () -> viewer.cancel("run-none"));
            assertDenied("WRONG_ROLE", "needs admin", () -> viewer.release(grid.node().nodeId()));
        }
    }

    @Test
    void aSubmitterCancelsItsOwnRunButNotAnothersAndAnAdminCancelsAnyone() {
        try (DtfClient ann = connect(grid.token(Role.SUBMITTER, "ann"));
             DtfClient bob = connect(grid.token(Role.SUBMITTER, "bob"));
             DtfClient admin = connect(grid.token(Role.ADMIN, "ada"))) {
            String annsRun = ann.submit(waitingSuite("anns"));
            String bobsRun = bob.submit(waitingSuite("bobs"));
            assertEquals("ann", ann.status(annsRun).owner(), "a run belongs to its submitter");

            assertDenied("NOT_OWNER", "submitted by ann, not bob", () -> bob.cancel(annsRun));
            assertTrue(ann.cancel(annsRun).accepted());
            assertDenied("WRONG_ROLE", "needs admin", () -> ann.release(grid.node().nodeId()));
            assertTrue(admin.cancel(bobsRun).accepted());
            admin.release(grid.node().nodeId());

            assertAudited(AuditAction.SUBMIT, "ann", true, "run " + annsRun);
            assertAudited(AuditAction.CANCEL, "ann", true, "run " + annsRun);
            assertAudited(AuditAction.CANCEL, "ada", true, "run " + bobsRun);
            assertAudited(AuditAction.DENIED, "bob", false, "submitted by ann");
        }
    }

    @Test
    void aClientConnectedToANodeWithoutTheServicesIsCheckedWhereTheServiceRuns() {
        try (DtfClient viewer = DtfClient.connect(ClientOptions.of(grid.edgeAddress())
                     .withToken(token(Role.VIEWER, "vic")));
             DtfClient submitter = DtfClient.connect(ClientOptions.of(grid.edgeAddress())
                     .withToken(token(Role.SUBMITTER, "sam")))) {
            assertDenied("WRONG_ROLE", "needs submitter", () -> viewer.submit(waitingSuite("via-edge")));
            String runId = submitter.submit(waitingSuite("via-edge"));
            assertEquals("sam", viewer.status(runId).owner());
            assertTrue(submitter.cancel(runId).accepted());
        }
        try (DtfClient anonymous = DtfClient.connect(ClientOptions.of(grid.edgeAddress()))) {
            assertDenied("MISSING", "no token", anonymous::runs);
        }
    }

    private static String token(Role role, String subject) {
        String token = grid.token(role, subject);
        TOKENS.add(token);
        return token;
    }

    @Test
    void withSecurityOffEveryCallGoesThroughAsBeforeAndItsRunsAreCancelledByAnAdminOnlyOnceItIsOn() {
        String oldRun;
        grid.securityOff();
        try (DtfClient anonymous = DtfClient.connect(ClientOptions.of(grid.address()));
             DtfClient withToken = connect(grid.token(Role.VIEWER, "vic"))) {
            oldRun = anonymous.submit(waitingSuite("before-security"));
            assertNull(anonymous.status(oldRun).owner());
            assertTrue(withToken.cancel(oldRun, "waiting").accepted(), "a token's role is not checked: security is off");
        } finally {
            grid.securityOn();
        }
        try (DtfClient ann = connect(grid.token(Role.SUBMITTER, "ann"));
             DtfClient admin = connect(grid.token(Role.ADMIN, "ada"))) {
            assertDenied("NOT_OWNER", "no recorded owner", () -> ann.cancel(oldRun));
            assertTrue(admin.cancel(oldRun).accepted());
        }
    }

    @Test
    void aRawThinClientCannotReportAnAttemptStopTheCoordinatorOrSendAMalformedAuthorization() throws Exception {
        String submitter = grid.token(Role.SUBMITTER, "sue");
        try (IgniteClient raw = Ignition.startClient(new ClientConfiguration().setAddresses(grid.address()))) {
            assertDenied("MISSING", "no token", () -> raw.services()
                    .serviceProxy(CoordinatorApi.SERVICE_NAME, ReplyInbox.class).report("{}"));
            assertDenied("WRONG_ROLE", "needs node", () -> raw.services().serviceProxy(CoordinatorApi.SERVICE_NAME,
                    ReplyInbox.class, context("Bearer " + submitter), 10_000).report("{}"));
            assertDenied("NOT_A_CLIENT_CALL", "not a method clients may call", () -> raw.services().serviceProxy(
                    CoordinatorApi.SERVICE_NAME, Lifecycle.class, context("Bearer " + grid.token(Role.ADMIN, "ada")),
                    10_000).cancel());
            assertDenied("MALFORMED", "not 'Bearer <token>'", () -> raw.services().serviceProxy(
                    CoordinatorApi.SERVICE_NAME, CoordinatorApi.class, context("Token " + submitter), 10_000).runs());
        }
        try (DtfClient client = connect(grid.token(Role.VIEWER, "vic"))) {
            assertEquals(grid.node().nodeId(), client.coordinator().nodeId(), "the coordinator still runs");
        }
    }

    @Test
    void noLogLineExceptionMessageOrAuditEntryContainsAToken() {
        String viewer = grid.token(Role.VIEWER, "vic");
        try (DtfClient client = connect(viewer)) {
            client.runs();
            AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                    () -> client.submit(waitingSuite("viewer")));
            assertNoToken("the refusal", denied.getMessage());
        }
        grid.awaitAudit("the viewer's refused submission", e -> !e.allowed() && e.subject().equals("vic"));
        AccessDeniedException expired = assertThrows(AccessDeniedException.class, () -> {
            try (DtfClient client = connect(new TokenIssuer(grid.keys(), Clock.offset(Clock.systemUTC(),
                    Duration.ofDays(-1))).issue(Role.ADMIN, "ada", Duration.ofHours(1)).token())) {
                client.runs();
            }
        });
        assertNoToken("the refusal", expired.getMessage());
        assertNoToken("the options", options(viewer).toString());
        for (AuditEvent e : grid.audit()) {
            assertNoToken("the audit", e.toString());
        }
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            assertNoToken("the log", e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
        }
        assertTrue(logs.list.stream().anyMatch(e -> e.getLoggerName().startsWith("io.dtf")), "logs were captured");
    }

    /** Ignite's own method of every service: a thin client may name it like any other. */
    interface Lifecycle {
        void cancel();
    }

    private static DtfClient connect(String token) {
        return DtfClient.connect(options(token));
    }

    private static ClientOptions options(String token) {
        if (token != null) {
            TOKENS.add(token);
        }
        return ClientOptions.of(grid.address()).withToken(token);
    }

    private static ServiceCallContext context(String authorization) {
        TOKENS.add(authorization);
        return new ServiceCallContextBuilder().put(CoordinatorApi.TOKEN_ATTRIBUTE, authorization).build();
    }

    /** A suite whose one task waits for a tag no node has: it stays queued until cancelled. */
    private static Suite waitingSuite(String name) {
        return new Suite(name, List.of(new TaskSpec("waiting", "waiting", Map.of(),
                new CommandAction(List.of("true"), Map.of(), null), List.of(Requirement.parse("tag not-on-any-node")),
                0, Duration.ofMinutes(10), 0, 1)));
    }

    private static void assertDenied(String reason, String says, Executable call) {
        Throwable thrown = assertThrows(Throwable.class, call);
        AccessDeniedException denied = AccessDeniedException.in(thrown).orElseThrow(
                () -> new AssertionError("not an access refusal", thrown));
        assertEquals(reason, denied.reason(), denied.getMessage());
        if (says != null) {
            assertTrue(denied.detail().contains(says), denied.getMessage());
        }
        assertNoToken("the refusal", denied.getMessage());
    }

    private static void assertAudited(AuditAction action, String subject, boolean allowed, String detail) {
        grid.awaitAudit(action + " by " + subject + " (" + detail + ")", e -> e.action().equals(action.label())
                && e.subject().equals(subject) && e.allowed() == allowed && e.detail().contains(detail)
                && grid.node().nodeId().equals(e.node()));
    }

    private static void assertNoToken(String where, String text) {
        for (String token : TOKENS) {
            String secret = token.startsWith("Bearer ") ? token.substring(7) : token;
            String[] parts = secret.split("\\.");
            Function<String, Boolean> holds = part -> part.length() > 8 && text.contains(part);
            assertFalse(text.contains(secret) || holds.apply(parts[parts.length - 1]),
                    where + " holds a token: " + text);
        }
    }

    /** Everything DTF logs, down to TRACE, and Ignite from INFO, while the class runs. */
    private static void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs = new ListAppender<>();
        logs.setContext(context);
        logs.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        for (Map.Entry<String, Level> e : Map.of("io.dtf", Level.TRACE, "org.apache.ignite", Level.INFO).entrySet()) {
            LEVELS.put(e.getKey(), context.getLogger(e.getKey()).getLevel());
            context.getLogger(e.getKey()).setLevel(e.getValue());
        }
    }
}
