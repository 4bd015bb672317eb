package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.DtfClient;
import io.dtf.coordinator.TaskRecord;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.node.Roles;
import io.dtf.wire.CacheNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task that saved checkpoints and ended without any failure has its checkpoint removed: its
 * worker's reply says it saved one, and the coordinator removes checkpoints only for such tasks.
 */
class CheckpointRemovalIT {
    // This class's port block: discovery 25000+, communication 25020+, thin clients 25040+.
    private static final int DISCOVERY = 25000;
    private static final int COMMUNICATION = 25020;
    private static final int CLIENT = 25040;
    private static final Path ROOT = Path.of("target", "grids", "checkpoint-removal").toAbsolutePath();
    private static final List<DtfNode> NODES = new ArrayList<>();

    @BeforeAll
    static void startGrid() {
        TestGrid.deleteTree(ROOT);
        start("server", Set.of(Roles.COORDINATOR, Roles.DATA));
        start("worker", Set.of(Roles.WORKER));
    }

    @AfterAll
    static void stopGrid() {
        for (int i = NODES.size() - 1; i >= 0; i--) {
            NODES.get(i).close();
        }
    }

    @Test
    void aTaskThatSavedCheckpointsHasThemRemovedOnceItPasses() throws Exception {
        DtfNode server = NODES.get(0);
        // Saves a checkpoint every tenth of its work (the benchmark's default).
        TaskSpec saver = new TaskSpec("saver", "saver", Map.of("iterations", "20000"),
                new BenchmarkAction("counted-work", 0, 1), List.of(), 0, Duration.ofMinutes(2), 0, 1);
        IgniteCache<String, Object> checkpoints = server.ignite().cache(CacheNames.CHECKPOINTS);
        Set<String> saved = ConcurrentHashMap.newKeySet();
        ContinuousQuery<String, Object> query = new ContinuousQuery<>();
        query.setLocalListener(events -> {
            for (CacheEntryEvent<? extends String, ?> e : events) {
                if (e.getEventType() != EventType.REMOVED) {
                    saved.add(e.getKey());
                }
            }
        });

        try (QueryCursor<?> watching = checkpoints.query(query);
             DtfClient client = DtfClient.over(server.coordinator(Duration.ofSeconds(30)))) {
            String runId = client.submit(new Suite("checkpoint-removal", List.of(saver)));
            String key = TaskRecord.key(runId, "saver");
            RunView done = client.await(runId, Duration.ofSeconds(60), r -> { });

            assertTrue(done.passed(), done.toString());
            TestGrid.await("the attempt's checkpoints to be seen", Duration.ofSeconds(10), () -> saved.contains(key));
            TestGrid.await("the ended task's checkpoint to go", Duration.ofSeconds(10),
                    () -> !checkpoints.containsKey(key));
            assertFalse(checkpoints.containsKey(key));
        }
    }

    private static void start(String name, Set<String> roles) {
        int i = NODES.size();
        NodeOptions options = NodeOptions.of(TestGrid.config("ignite-default.xml"), ROOT.resolve(name))
                .withRoles(roles).withSlots(2).withInstanceName("checkpoint-removal-" + name)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, CLIENT + i,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9)));
        NODES.add(DtfNode.start(options));
    }
}
