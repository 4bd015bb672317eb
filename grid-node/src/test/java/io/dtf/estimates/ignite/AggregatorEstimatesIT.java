package io.dtf.estimates.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.DtfClient;
import io.dtf.estimates.HistoryEstimates;
import io.dtf.grid.TestGrid;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.CommandAction;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Estimates learned from a real grid's history: a suite runs once on a worker of class "fast-box" and
 * once, each task sleeping twice as long, on one of class "slow-box"; the results reach the aggregator's
 * DuckDB file, and the coordinator node's estimates, and a worker's, load them through the aggregator
 * service. Ports 23200-23299.
 */
class AggregatorEstimatesIT {
    private static final String SUITE = "estimates";
    private static TestGrid grid;
    private static DtfNode server;
    private static DtfNode fast;
    private static DtfClient client;

    @BeforeAll
    static void startGrid() {
        grid = new TestGrid("estimates", 23200, 23210);
        server = grid.start("server", Set.of("coordinator", "data", "aggregator"), Set.of(), Map.of(), 1);
        fast = grid.start("fast", Set.of("worker"), Set.of("fast"), Map.of(HardwareKeys.HW_CLASS, "fast-box"), 2);
        grid.start("slow", Set.of("worker"), Set.of("slow"), Map.of(HardwareKeys.HW_CLASS, "slow-box"), 2);
        client = DtfClient.over(server.coordinator(Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void estimatesLoadedThroughTheAggregatorFollowTheRealDurationsPerHardwareClass() throws Exception {
        // t1..t3 on both classes (three times as long on slow-box), t4 on fast-box only.
        long last = Math.max(run("fast", 1, 4), run("slow", 3, 3));
        assertTrue(server.replicator().orElseThrow().awaitIngested(last, Duration.ofSeconds(60)),
                "the results reach the aggregator's file");

        AggregatorEstimates onCoordinator = AggregatorEstimates.forNode(server.ignite());
        assertTrue(onCoordinator.refresh(), "the aggregator answers the node that hosts it");
        AggregatorEstimates onWorker = AggregatorEstimates.forNode(fast.ignite());
        assertTrue(onWorker.refresh(), "and a node that holds no aggregator");
        assertEquals(onCoordinator.snapshot().samples().size(), onWorker.snapshot().samples().size());

        HistoryEstimates learned = onCoordinator.snapshot();
        assertEquals(7, learned.samples().stream().filter(s -> s.suite().equals(SUITE)).count(), learned.samples()
                .toString());
        // Equal sample counts: the first name is the reference. Process start-up (a few hundred ms on a busy
        // machine) pulls the ratio from 3 towards 1.
        assertEquals("fast-box", learned.speeds().reference(), learned.toString());
        double slower = learned.speeds().of("slow-box");
        assertTrue(slower > 1.5 && slower < 4.5, learned + " " + learned.samples());

        for (String hw : List.of("fast-box", "slow-box")) {
            assertTrue(millis(learned, "t1", hw) < millis(learned, "t2", hw), learned.toString());
            assertTrue(millis(learned, "t2", hw) < millis(learned, "t3", hw), learned.toString());
        }
        for (String task : List.of("t1", "t2", "t3", "t4", "never-ran")) {
            assertTrue(millis(learned, task, "slow-box") > millis(learned, task, "fast-box"), task + " " + learned);
        }
        // t3 sleeps 2 s on fast-box and 6 s on slow-box; t4 (1.5 s) never ran on slow-box.
        assertTrue(millis(learned, "t3", "fast-box") >= 2_000 && millis(learned, "t3", "slow-box") >= 6_000,
                learned.samples().toString());
        assertTrue(millis(learned, "t4", "slow-box") > millis(learned, "t3", "fast-box"), learned + " "
                + learned.samples());
        long prior = millis(learned, "never-ran", "fast-box");
        assertTrue(prior > millis(learned, "t1", "fast-box") && prior < millis(learned, "t3", "fast-box"),
                "an unknown task of the suite gets its typical duration: " + prior);
    }

    /**
     * Runs tasks t1..t{@code tasks} of the suite on the workers tagged {@code tag}: t1..t3 sleep 0.5, 1 and
     * 2 s times {@code stretch}, t4 1.5 s; returns the highest result seq.
     */
    private static long run(String tag, int stretch, int tasks) throws Exception {
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            double seconds = i == 4 ? 1.5 : 0.5 * (1 << (i - 1)) * stretch;
            specs.add(new TaskSpec("t" + i, "t" + i, Map.of(),
                    new CommandAction(List.of("sleep", String.valueOf(seconds)), Map.of(), null),
                    List.of(Requirement.parse("tag " + tag)), 0, Duration.ofSeconds(60), 0, 1));
        }
        String runId = client.submit(new Suite(SUITE, specs));
        assertTrue(client.await(runId, Duration.ofSeconds(120), r -> { }).passed(), runId);
        return client.results(runId).stream().mapToLong(TaskResult::seq).max().orElseThrow();
    }

    private static long millis(HistoryEstimates estimates, String taskId, String hwClass) {
        return estimates.expectedMillis(SUITE, new TaskSpec(taskId, taskId, Map.of(),
                new CommandAction(List.of("true"), Map.of(), null), List.of(), 0, Duration.ofMinutes(5), 0, 1), hwClass);
    }
}
