package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.DtfClient;
import io.dtf.client.SubmissionRefusedException;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.memory.MemorySettings;
import io.dtf.node.NodeOptions;
import io.dtf.wire.CacheNames;
import io.dtf.worker.command.CommandPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-machine default with a small data region and results retained for no time: results leave
 * the cache once in DuckDB, output tails stay bounded, and admission refuses what cannot fit. Ports
 * 29240 (discovery), 29250 (communication), 29260 (thin clients).
 */
class MemoryBoundsIT {
    private static final long REGION = 128L << 20;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestGrid grid;
    private static DtfNode node;
    private static DtfClient client;

    @BeforeAll
    static void start() {
        grid = new TestGrid("memory-bounds", 29240, 29250);
        // Read once, at start-up: set for this node only, then put back as they were.
        String region = System.setProperty(MemorySettings.DATA_REGION_MAX, "128MiB");
        String retention = System.setProperty(MemorySettings.RESULT_RETENTION, "0s");
        try {
            node = DtfNode.start(NodeOptions.of(TestGrid.config("ignite-default.xml"), grid.root().resolve("node"))
                    .withSlots(2).withInstanceName("memory-bounds").withCommands(CommandPolicy.ANY)
                    .withNetwork("127.0.0.1", 29240, 29250, 29260, List.of("127.0.0.1:29240")));
        } finally {
            restore(MemorySettings.DATA_REGION_MAX, region);
            restore(MemorySettings.RESULT_RETENTION, retention);
        }
        client = DtfClient.over(node.coordinator(Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        grid.close();
    }

    @Test
    void theDataRegionTakesTheSizeSetForIt() {
        DataRegionConfiguration region = node.ignite().configuration().getDataStorageConfiguration()
                .getDefaultDataRegionConfiguration();
        assertEquals(REGION, region.getMaxSize());
    }

    @Test
    void resultsLeaveTheCacheOnceInDuckDbAndHugeOutputIsCutWithTheCutRecorded() throws Exception {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(command("out-" + i, "head -c 65536 /dev/zero | tr '\\0' x"));
        }
        tasks.add(command("huge", "head -c 1000000 /dev/zero | tr '\\0' y; echo END"));
        List<TaskResult> seen = new ArrayList<>();
        String runId = client.submit(new Suite("memory-bounds", tasks));
        RunView done = client.await(runId, WAIT, seen::add);

        assertTrue(done.passed(), "every task passed: " + done.counts());
        long last = seen.stream().mapToLong(TaskResult::seq).max().orElseThrow();
        assertTrue(node.replicator().orElseThrow().awaitIngested(last, WAIT));
        // Read from DuckDB, not the client's stream: with a retention of 0 s a result can leave the
        // cache before the stream reaches it (it is in DuckDB, where `dtf results` finds it).
        TestGrid.await("every result in DuckDB", WAIT,
                () -> node.resultStore().orElseThrow().results(runId).size() == 21);
        TaskResult huge = node.resultStore().orElseThrow().results(runId).stream()
                .filter(r -> r.taskId().equals("huge")).findFirst().orElseThrow();
        assertTrue(huge.stdoutTail().startsWith("[934468 earlier bytes not kept]\n"), huge.stdoutTail().substring(0, 40));
        assertTrue(huge.stdoutTail().endsWith("yyyyEND\n"));
        assertTrue(huge.stdoutTail().length() < 64 * 1024 + 40, "the tail is bounded: " + huge.stdoutTail().length());

        TestGrid.await("the results cache to empty", WAIT,
                () -> node.ignite().cache(CacheNames.RESULTS).size() == 0);
        assertEquals(21, node.resultStore().orElseThrow().results(runId).size(), "every result is in DuckDB");
    }

    @Test
    void anOversizeSubmissionIsRefusedSayingHowMuchItNeedsAndHowMuchIsFree() {
        // 14,000 tasks with 4 KiB commands: ~65 MiB of specs, more than a 128 MiB region keeps free, and
        // still under the 64 Mi characters a submission may have (a longer one is refused before this check).
        String padding = "#" + "p".repeat(4096);
        List<TaskSpec> tasks = IntStream.range(0, 14_000)
                .mapToObj(i -> command("big-" + i, "true " + padding)).toList();

        SubmissionRefusedException refused = assertThrows(SubmissionRefusedException.class,
                () -> client.submit(new Suite("too-big", tasks)));

        String message = String.join("\n", refused.errors());
        assertTrue(message.matches("(?s)suite 'too-big': its 14000 tasks need about \\d+(\\.\\d)? MiB of the grid's"
                + " cache memory .* but only \\d+(\\.\\d)? MiB of 128 MiB are free .*dtf\\.dataRegion\\.maxSize.*"),
                message);
        assertTrue(client.runs().stream().noneMatch(r -> r.suite().equals("too-big")), "nothing of it was stored");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static TaskSpec command(String id, String shell) {
        return new TaskSpec(id, id, Map.of(), new CommandAction(List.of("sh", "-c", shell), Map.of(), null),
                List.of(), 0, Duration.ofSeconds(30), 0, 1);
    }
}
