package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.DtfClient;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.RetryPolicy;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.node.DtfCaches;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.node.Roles;
import io.dtf.requirements.Requirement;
import io.dtf.wire.CacheNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The grid cannot read checkpoints (their cache is gone, as on a worker whose start-up has not
 * reached it): the attempt is an infrastructure failure, on record and retried on another worker,
 * instead of a benchmark silently starting from zero.
 */
class UnreadableCheckpointIT {
    // This class's port block: discovery 29840+, communication 29860+, thin clients 29940+.
    private static final int DISCOVERY = 29840;
    private static final int COMMUNICATION = 29860;
    private static final int CLIENT = 29940;
    private static final Path ROOT = Path.of("target", "grids", "unreadable-checkpoint").toAbsolutePath();

    private final List<DtfNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    @Test
    void anAttemptThatCannotLoadItsCheckpointIsAnInfrastructureFailureAndIsRetried() throws Exception {
        TestGrid.deleteTree(ROOT);
        DtfNode server = start("server", Set.of(Roles.COORDINATOR, Roles.DATA));
        start("first", Set.of(Roles.WORKER));
        start("second", Set.of(Roles.WORKER));
        server.ignite().destroyCache(CacheNames.CHECKPOINTS);
        // A retry 2-3 s after the failure, time enough to bring the cache back in between.
        TaskSpec counted = new TaskSpec("counted", "counted", Map.of("iterations", "20000"),
                new BenchmarkAction("counted-work", 0, 1), List.of(Requirement.parse("tag cp")), 0,
                Duration.ofMinutes(2), 0, 1, new RetryPolicy(2, Duration.ofSeconds(4), Duration.ofSeconds(4)), null);

        try (DtfClient client = DtfClient.over(server.coordinator(Duration.ofSeconds(30)))) {
            String runId = client.submit(new Suite("unreadable-checkpoint", List.of(counted)));
            TestGrid.await("the first attempt's result", Duration.ofSeconds(30),
                    () -> !client.results(runId).isEmpty());
            TaskResult failed = client.results(runId).get(0);
            for (DtfNode node : nodes) {
                DtfCaches.ensure(node.ignite()); // the grid recovers, as each node's start-up makes its caches
            }
            RunView done = client.await(runId, Duration.ofSeconds(60), r -> { });

            assertEquals(TaskState.ERROR, failed.status(), failed.toString());
            assertEquals(FailureCategory.INFRASTRUCTURE, failed.category(), failed.toString());
            assertTrue(failed.error().contains("checkpoint could not be loaded"), failed.error());
            assertTrue(!failed.finalAttempt() && failed.decision().startsWith("retry in "),
                    failed.decision());
            assertTrue(failed.metrics().isEmpty(), "the failed attempt did no work: " + failed.metrics());

            List<TaskResult> results = client.results(runId);
            assertTrue(done.passed(), done + " " + results);
            assertEquals(2, results.size(), results.toString());
            TaskResult retry = results.get(1);
            assertNotEquals(failed.nodeId(), retry.nodeId(), "retried on the other worker");
            assertEquals(20000.0, metric(retry, "iterations_run"));
        }
    }

    private DtfNode start(String name, Set<String> roles) {
        int i = nodes.size();
        NodeOptions options = NodeOptions.of(TestGrid.config("ignite-default.xml"), ROOT.resolve(name))
                .withRoles(roles).withTags(Set.of("cp")).withSlots(1).withInstanceName("unreadable-" + name)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, CLIENT + i,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9)));
        DtfNode node = DtfNode.start(options);
        nodes.add(node);
        return node;
    }

    private static double metric(TaskResult r, String name) {
        return r.metrics().stream().filter(m -> m.name().equals(name)).findFirst().map(Metric::mean)
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + r));
    }
}
