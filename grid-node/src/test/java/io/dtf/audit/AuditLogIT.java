package io.dtf.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.audit.duckdb.DuckDbAuditStore;
import io.dtf.audit.ignite.AuditLogs;
import io.dtf.audit.ignite.CacheAuditLog;
import io.dtf.audit.replica.AuditReplicator;
import io.dtf.cli.InProcessCli;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.client.CoordinatorApi;
import io.dtf.grid.TestGrid;
import io.dtf.model.AuditEvent;
import io.dtf.model.AuditQuery;
import io.dtf.model.CommandAction;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit log across nodes in one JVM: events recorded on the data and coordinator nodes reach the
 * aggregator's DuckDB file exactly once, also across a restart of the aggregator, leave the cache only
 * once stored, and {@code dtf audit --grid} reads them through the aggregator. Ports 32200-32399.
 */
class AuditLogIT {
    private static final String HOSTILE = "line\n\u001b[2J\rFAKE allowed\u202e" + "y".repeat(5_000);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JOIN = "127.0.0.1:32200..32209";
    private static final int AGGREGATOR_CLIENT_PORT = 32302;

    private static TestGridRoot root;
    private static DtfNode core;
    private static DtfNode data;

    /** The grid's directory; nodes are built here from the real config with this class's ports. */
    private record TestGridRoot(Path dir) {
        NodeOptions node(String name, String roles, int i) {
            return NodeOptions.of(TestGrid.config("ignite-default.xml"), dir.resolve(name))
                    .withRoles(Set.of(roles.split(","))).withInstanceName("audit-it-" + name).withSlots(1)
                    .withNetwork("127.0.0.1", 32200 + i, 32220 + i, 32300 + i, List.of(JOIN));
        }
    }

    @BeforeAll
    static void startCoreAndDataNodes() {
        Path dir = Path.of("target", "grids", "audit-log").toAbsolutePath();
        TestGrid.deleteTree(dir);
        root = new TestGridRoot(dir);
        core = DtfNode.start(root.node("core", "coordinator,data,worker", 0));
        data = DtfNode.start(root.node("data", "data", 1));
    }

    @AfterAll
    static void stopNodes() {
        for (DtfNode node : new DtfNode[] {data, core}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void eventsFromSeveralNodesReachDuckDbExactlyOnceAcrossAnAggregatorRestartAndLeaveTheCacheOnlyOnceStored()
            throws Exception {
        List<String> expected = new ArrayList<>();
        DtfNode aggregator = DtfNode.start(root.node("aggregator", "aggregator", 2));
        try {
            expected.addAll(record("before", 150));
            CoordinatorApi coordinator = core.coordinator(WAIT);
            SubmitReply run = Json.read(coordinator.submit(Json.write(new Suite("audited", List.of(new TaskSpec("t", "t",
                    Map.of(), new CommandAction(List.of("true"), Map.of(), null), List.of(), 0, Duration.ofSeconds(30),
                    0, 1))))), SubmitReply.class);
            assertTrue(run.accepted(), run.errors().toString());
            coordinator.cancelRun("no-such-run", null);
            awaitStored(aggregator, expected);
        } finally {
            aggregator.close();
        }

        // Recorded while no aggregator runs: they wait in the cache, beside the ones already stored.
        expected.addAll(record("while-down", 100));
        aggregator = DtfNode.start(root.node("aggregator", "aggregator", 2));
        try {
            DuckDbAuditStore audit = awaitStored(aggregator, expected);
            List<String> stored = details(audit, expected);
            assertEquals(expected.size(), stored.size(), "each once: the ones stored before the restart not again");
            assertEquals(new HashSet<>(expected), new HashSet<>(stored));
            AuditEvent submit = audit.query(new AuditQuery(null, "submit", null, false, 10)).get(0);
            assertEquals(AuditLog.ANONYMOUS, submit.subject(), "security off: recorded all the same");
            assertTrue(submit.allowed() && submit.detail().startsWith("run audited-"), submit.toString());
            assertEquals(core.nodeId(), submit.node(), "the node that saw it");
            AuditEvent cancel = audit.query(new AuditQuery(null, "cancel", null, true, 10)).get(0);
            assertTrue(cancel.detail().contains("no-such-run"), cancel.toString());

            // A second replica with no retention: the cache empties, and only of what that replica stored.
            Path other = root.dir().resolve("other.duckdb");
            try (DuckDbResultStore store = DuckDbResultStore.open(other);
                 AuditReplicator emptying = new AuditReplicator(aggregator.ignite(), new DuckDbAuditStore(store),
                         Duration.ZERO)) {
                emptying.start();
                DtfNode node = aggregator;
                DuckDbAuditStore otherAudit = new DuckDbAuditStore(store);
                // The replica counts a removal just after the cache has it: wait for the count too.
                TestGrid.await("the audit cache to empty", WAIT, () -> node.ignite().cache(CacheNames.AUDIT).size() == 0
                        && emptying.removed() >= otherAudit.count());
                assertEquals(new HashSet<>(expected), new HashSet<>(details(otherAudit, expected)));
                assertEquals(otherAudit.count(), emptying.removed(), "removed exactly what it stored");
            }
        } finally {
            aggregator.close();
        }
    }

    @Test
    void dtfAuditThroughTheGridAsksTheAggregatorAndPrintsHostileTextSafely() throws Exception {
        DtfNode aggregator = DtfNode.start(root.node("aggregator-cli", "aggregator", 3));
        try {
            AuditLog log = AuditLogs.forNode(data.ignite());
            log.record(AuditAction.TOKEN_REFUSED, "mallory", null, false, HOSTILE);
            log.record(AuditAction.TOKEN_USE, "alice", null, true, "grid-cli token");
            String grid = "127.0.0.1:" + (32300 + 3);
            TestGrid.await("both entries in DuckDB", WAIT, () -> new DuckDbAuditStore(aggregator.resultStore().orElseThrow())
                    .query(new AuditQuery(null, "token", null, false, 100)).stream()
                    .filter(e -> Set.of("mallory", "alice").contains(e.subject())).count() == 2);

            Outcome json = InProcessCli.dtf("audit", "--grid", grid, "--action", "token", "--subject", "mallory", "--json");
            assertEquals(0, json.exitCode(), json.err());
            JsonNode entries = Json.mapper().readTree(json.out());
            assertEquals(1, entries.size(), json.out());
            assertFalse(entries.get(0).get("allowed").asBoolean());
            assertTrue(entries.get(0).get("detail").asText().startsWith("line\n\u001b[2J\rFAKE allowed\u202e"),
                    "stored as given");
            assertTrue(entries.get(0).get("detail").asText().endsWith("... (" + HOSTILE.length() + " characters)"),
                    "stored bounded");

            Outcome table = InProcessCli.dtf("audit", "--grid", grid, "--action", "token", "--refused");
            assertEquals(0, table.exitCode(), table.err());
            assertFalse(table.out().chars().anyMatch(c -> c == 0x1b || c == '\r' || c == 0x202e), table.out());
            assertTrue(table.out().contains("line\\n\\u001b[2J\\rFAKE allowed\\u202e"), table.out());
            assertTrue(table.out().lines().allMatch(l -> !l.contains("grid-cli token")), "refused only: " + table.out());
        } finally {
            aggregator.close();
        }
    }

    @Test
    void recordingNeverFailsWhenTheGridCannotTakeItButCountsWhatOnlyReachedTheLog() {
        IgniteConfiguration alone = new IgniteConfiguration()
                .setIgniteInstanceName("audit-it-alone")
                .setLocalHost("127.0.0.1")
                .setDiscoverySpi(new TcpDiscoverySpi().setLocalPort(32240).setLocalPortRange(0)
                        .setIpFinder(new TcpDiscoveryVmIpFinder().setAddresses(List.of("127.0.0.1:32240"))))
                .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(32260).setLocalPortRange(0))
                .setClientConnectorConfiguration(null)
                .setMetricsLogFrequency(0)
                .setWorkDirectory(root.dir().resolve("alone").toString());
        try (Ignite node = Ignition.start(alone)) {
            CacheAuditLog log = (CacheAuditLog) AuditLogs.forNode(node); // a grid without the audit cache
            for (int i = 0; i < 3; i++) {
                log.record(AuditAction.SUBMIT, "alice", null, true, "run " + i);
            }
            TestGrid.await("a failed write", WAIT, () -> log.failures() > 0);
            AuditLogs.close(node);
            assertEquals(0, log.written());
            assertEquals(3, log.dropped(), "in the node's log only, and counted");
            log.record(AuditAction.SUBMIT, "alice", null, true, "after close");
            assertEquals(4, log.dropped());
        }
    }

    /** Records {@code count} events, alternately on the coordinator node and the other data node. */
    private static List<String> record(String prefix, int count) {
        List<String> details = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        for (int i = 0; i < count; i++) {
            AuditLogs.forNode((i % 2 == 0 ? core : data).ignite())
                    .record(AuditAction.TOKEN_USE, "user-" + i % 7, null, true, details.get(i));
        }
        return details;
    }

    /** Waits until every expected entry, the submission and the refused cancel are in the aggregator's file. */
    private static DuckDbAuditStore awaitStored(DtfNode aggregator, List<String> expected) {
        DuckDbAuditStore audit = new DuckDbAuditStore(aggregator.resultStore().orElseThrow());
        TestGrid.await(expected.size() + " audit entries in DuckDB", WAIT,
                () -> details(audit, expected).containsAll(expected)
                        && !audit.query(new AuditQuery(null, "submit", null, false, 1)).isEmpty()
                        && !audit.query(new AuditQuery(null, "cancel", null, true, 1)).isEmpty());
        return audit;
    }

    /** The stored details that are among {@code expected}, as often as stored. */
    private static List<String> details(DuckDbAuditStore audit, List<String> expected) {
        Set<String> wanted = new HashSet<>(expected);
        return audit.query(new AuditQuery(null, "token.use", null, false, AuditQuery.MAX_LIMIT)).stream()
                .map(AuditEvent::detail).filter(wanted::contains).toList();
    }
}
