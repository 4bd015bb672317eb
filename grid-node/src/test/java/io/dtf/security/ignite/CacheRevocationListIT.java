package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.grid.TestGrid;
import io.dtf.model.RevokeReply;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.security.LogCapture;
import io.dtf.security.Role;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.token.TokenRejectedException;
import io.dtf.security.token.TokenRejectedException.Reason;
import io.dtf.security.token.TokenVerifier;
import io.dtf.wire.CacheNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deny list on a real grid (a coordinator and data node, a second data node and a worker, in
 * this JVM): a revocation made through one node is seen by every node's {@link CacheRevocationList},
 * outlives whoever made it, and ends at its time.
 */
class CacheRevocationListIT {
    static final int DISCOVERY = 31000;
    static final int COMMUNICATION = 31020;
    static final int CLIENT = 31040;
    static final String GRID = "127.0.0.1:" + CLIENT;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final Path ROOT = Path.of("target", "grids", "revocation").toAbsolutePath();
    private static final List<DtfNode> nodes = new ArrayList<>();
    private static DtfNode server;
    private static DtfNode secondData;
    private static DtfNode worker;
    private static CacheRevocationList onWorker;
    private static CacheRevocationList onSecondData;
    private static TokenIssuer issuer;
    private static SigningKeys keys;

    @BeforeAll
    static void startGrid() {
        TestGrid.deleteTree(ROOT);
        server = start("server", Set.of("coordinator", "data"));
        secondData = start("data-2", Set.of("data"));
        worker = start("worker", Set.of("worker"));
        onWorker = CacheRevocationList.start(worker.ignite());
        onSecondData = CacheRevocationList.start(secondData.ignite());
        keys = SigningKeys.create(ROOT.resolve("keys/jwt"));
        issuer = new TokenIssuer(keys, Clock.systemUTC());
    }

    static DtfNode start(String name, Set<String> roles) {
        int i = nodes.size();
        DtfNode node = DtfNode.start(NodeOptions.of(TestGrid.config("ignite-default.xml"), ROOT.resolve(name))
                .withRoles(roles).withSlots(1).withInstanceName("revocation-" + name)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, CLIENT + i,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9))));
        nodes.add(node);
        return node;
    }

    @AfterAll
    static void stopGrid() {
        for (CacheRevocationList list : new CacheRevocationList[] {onWorker, onSecondData}) {
            if (list != null) {
                list.close();
            }
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                // stopped by its test
            }
        }
    }

    @Test
    void aRevocationThroughTheCoordinatorReachesEveryNodeAndOutlivesTheClientThatAskedForIt() {
        TokenIssuer.Issued token = issuer.issue(Role.SUBMITTER, "ci-main", Duration.ofHours(1));
        TokenVerifier verifier = TokenVerifier.of(keys, onWorker, Clock.systemUTC());
        assertEquals("ci-main", verifier.verify(token.token()).subject());

        Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        try (DtfClient client = DtfClient.connect(ClientOptions.of(GRID))) {
            RevokeReply reply = client.revokeToken(token.tokenId(), until);
            assertEquals(new RevokeReply(token.tokenId(), until, List.of()), reply);
        } // the client has left

        TestGrid.await("the worker to see the revocation", WAIT, () -> onWorker.revoked(token.tokenId()));
        TestGrid.await("the data node to see the revocation", WAIT, () -> onSecondData.revoked(token.tokenId()));
        TokenRejectedException refused = assertThrows(TokenRejectedException.class,
                () -> verifier.verify(token.token()));
        assertEquals(Reason.REVOKED, refused.reason());
        try (CacheRevocationList later = CacheRevocationList.start(server.ignite())) {
            assertTrue(later.revoked(token.tokenId()), "a list started afterwards reads it from the cache");
        }
    }

    @Test
    void aRevocationOutlivesTheNodeThatMadeIt() {
        String tokenId = UUID.randomUUID().toString();
        DtfNode revoker = start("revoker-" + nodes.size(), Set.of("worker"));
        RevokeReply reply = CacheRevocationList.revoke(revoker.ignite(), tokenId,
                Instant.now().plus(Duration.ofHours(1)), Clock.systemUTC());
        assertTrue(reply.accepted(), reply.errors().toString());
        revoker.close();

        TestGrid.await("the worker to see the revocation", WAIT, () -> onWorker.revoked(tokenId));
        try (CacheRevocationList later = CacheRevocationList.start(secondData.ignite())) {
            assertTrue(later.revoked(tokenId));
        }
    }

    @Test
    void aRevocationEndsAtItsTimeInTheListAndInTheCache() {
        String longer = UUID.randomUUID().toString();
        Instant now = Instant.now();
        CacheRevocationList.revoke(server.ignite(), longer, now.plus(Duration.ofHours(1)), Clock.systemUTC());
        Clock later = Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        try (CacheRevocationList seenLater = CacheRevocationList.start(worker.ignite(), later)) {
            assertFalse(seenLater.revoked(longer), "its end has passed on this list's clock");
        }

        String brief = UUID.randomUUID().toString();
        CacheRevocationList.revoke(server.ignite(), brief, Instant.now().plusMillis(500), Clock.systemUTC());
        TestGrid.await("the entry to expire from the cache", WAIT,
                () -> !server.ignite().cache(CacheNames.REVOKED_TOKENS).containsKey(brief));
        TestGrid.await("the worker's copy to drop it", WAIT, () -> !onWorker.revoked(brief));
    }

    @Test
    void aRevocationNeverShortensAndMalformedRequestsAreRefusedWithoutRepeatingThem() {
        String tokenId = UUID.randomUUID().toString();
        Instant far = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        try (DtfClient client = DtfClient.connect(ClientOptions.of(GRID))) {
            assertEquals(far, client.revokeToken(tokenId, far).until());
            assertEquals(far, client.revokeToken(tokenId.toUpperCase(), Instant.now().plus(Duration.ofDays(1))).until(),
                    "an earlier end keeps the later one; ids are case-insensitive");

            String huge = "x".repeat(1_000_000);
            IllegalArgumentException oversized = assertThrows(IllegalArgumentException.class,
                    () -> client.revokeToken(huge, far));
            assertTrue(oversized.getMessage().startsWith("token id: not a token id")
                    && oversized.getMessage().length() < 300, oversized.getMessage());
            String jwt = issuer.issue(Role.ADMIN, "someone", Duration.ofHours(1)).token();
            IllegalArgumentException pasted = assertThrows(IllegalArgumentException.class,
                    () -> client.revokeToken(jwt, far));
            assertFalse(pasted.getMessage().contains(jwt), "the token is not repeated");
            assertThrows(IllegalArgumentException.class, () -> client.revokeToken(null, far));
            IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                    () -> client.revokeToken(tokenId, Instant.now().minusSeconds(1)));
            assertTrue(past.getMessage().contains("is not in the future"), past.getMessage());
            IllegalArgumentException forever = assertThrows(IllegalArgumentException.class,
                    () -> client.revokeToken(tokenId, Instant.ofEpochMilli(Long.MAX_VALUE)));
            assertTrue(forever.getMessage().contains("no token lives that long"), forever.getMessage());
        }
        assertEquals(1, server.ignite().cache(CacheNames.REVOKED_TOKENS).query(
                new org.apache.ignite.cache.query.ScanQuery<String, Long>((k, v) -> k.equals(tokenId)))
                .getAll().size(), "one entry, lower-case");
    }

    @Test
    void noTokenIsLoggedWhileTokensAreUsedRevokedAndRefused() {
        String token = issuer.issue(Role.ADMIN, "operator", Duration.ofHours(1)).token();
        String tokenId;
        try (LogCapture log = LogCapture.start("org.apache.ignite.internal.processors.platform.client",
                "org.apache.ignite.internal.processors.odbc", "org.apache.ignite.internal.processors.service",
                "org.apache.ignite.internal.client.thin")) {
            ClientOptions options = ClientOptions.of(GRID).withToken(token);
            assertFalse(options.toString().contains(token), options.toString());
            try (DtfClient client = DtfClient.connect(options)) {
                client.coordinator();
                client.runs();
                tokenId = TokenVerifier.of(keys, onWorker, Clock.systemUTC()).verify(token).tokenId();
                client.revokeToken(tokenId, Instant.now().plus(Duration.ofHours(1)));
            }
            TestGrid.await("the worker to see the revocation", WAIT, () -> onWorker.revoked(tokenId));
            TokenRejectedException refused = assertThrows(TokenRejectedException.class,
                    () -> TokenVerifier.of(keys, onWorker, Clock.systemUTC()).verify(token));
            assertFalse(refused.getMessage().contains(token), refused.getMessage());
            RuntimeException unreachable = assertThrows(RuntimeException.class,
                    () -> DtfClient.connect(ClientOptions.of("127.0.0.1:" + (CLIENT + 9)).withToken(token)));
            assertFalse(String.valueOf(unreachable.getMessage()).contains(token), unreachable.getMessage());

            assertTrue(log.lines().stream().anyMatch(l -> l.contains("token " + tokenId + " revoked until")),
                    "the capture sees DTF's log: " + log.lines().size() + " lines");
            log.assertNothingContains(token, "the token");
            log.assertNothingContains(token.substring(token.lastIndexOf('.') + 1), "the token's signature");
        }
    }
}
