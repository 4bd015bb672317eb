package io.dtf.coordinator.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.WorkerNode;
import io.dtf.grid.TestGrid;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.IgniteConfigFactory;
import io.dtf.node.NodeOptions;
import io.dtf.node.Roles;
import io.dtf.protocol.AttemptOrder;
import io.dtf.wire.Json;
import io.dtf.worker.ignite.BatchJob;
import io.dtf.worker.ignite.WorkerReadiness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workers the scheduler sees: a node that has joined with the worker role but has not said it
 * is ready (its start-up still running) is not among them; it is as soon as it says so.
 */
class ClusterTopologyIT {
    // This class's port block: discovery 29880+, communication 29890+, thin clients 29960+.
    private static final int DISCOVERY = 29880;
    private static final int COMMUNICATION = 29890;
    private static final int CLIENT = 29960;
    private static final String JOIN = "127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9);
    private static final Path ROOT = Path.of("target", "grids", "cluster-topology").toAbsolutePath();

    private static final AtomicInteger STARTED = new AtomicInteger();

    private static DtfNode data;
    private static DtfNode worker;

    @BeforeAll
    static void start() {
        data = start("topology-data", Roles.DATA, 0);
        worker = start("topology-worker", Roles.WORKER, 1);
    }

    @AfterAll
    static void stop() {
        worker.close();
        data.close();
    }

    @Test
    void aJoinedWorkerGetsWorkOnlyOnceItHasSaidItIsReady() {
        AtomicInteger told = new AtomicInteger();
        try (Ignite starting = Ignition.start(startingWorker());
             ClusterTopology topology = new ClusterTopology(data.ignite(), told::incrementAndGet)) {
            String startingId = starting.cluster().localNode().id().toString();
            assertTrue(data.ignite().cluster().node(starting.cluster().localNode().id()) != null, "it has joined");

            assertEquals(Set.of(worker.nodeId()), ids(topology.liveWorkers()), "only the worker that is ready");

            WorkerReadiness.announce(starting);

            TestGrid.await("the worker that said it is ready", Duration.ofSeconds(10),
                    () -> ids(topology.liveWorkers()).equals(Set.of(worker.nodeId(), startingId)));
            assertTrue(told.get() > 0, "the coordinator is told, not left to find out");
            assertTrue(WorkerReadiness.isReady(starting));
            assertTrue(!WorkerReadiness.isReady(data.ignite()), "a node that never announced is not ready");
        }
    }

    @Test
    void aWorkerRefusesAnAttemptThatReachesItBeforeItIsReady() {
        try (Ignite starting = Ignition.start(startingWorker())) {
            UUID id = starting.cluster().localNode().id();
            TaskSpec spec = new TaskSpec("t", "t", Map.of(), new BenchmarkAction("noop", 0, 1), List.of(), 0,
                    Duration.ofSeconds(10), 0, 1);
            BatchJob job = new BatchJob(List.of(new AttemptOrder("run-1/t", "1:1", 1, Json.write(spec))), 1);

            IgniteException refused = assertThrows(IgniteException.class, () -> data.ignite()
                    .compute(data.ignite().cluster().forNodeId(id)).withNoFailover()
                    .execute(new DispatchTask(id), job));

            assertTrue(String.valueOf(refused.getMessage()).contains("is still starting")
                    || String.valueOf(refused.getCause()).contains("is still starting"), refused.toString());
        }
    }

    /**
     * An Ignite node of DTF's config with the worker role whose DTF start-up has not finished: it
     * joined, and never announced.
     */
    private static IgniteConfiguration startingWorker() {
        NodeOptions options = options("topology-starting-" + STARTED.incrementAndGet(), Roles.WORKER, 2);
        return IgniteConfigFactory.apply(IgniteConfigFactory.load(options), options,
                Map.of(HardwareKeys.ROLES, Roles.WORKER, HardwareKeys.SLOTS, 1));
    }

    private static DtfNode start(String name, String role, int i) {
        return DtfNode.start(options(name, role, i));
    }

    private static NodeOptions options(String name, String role, int i) {
        return NodeOptions.of(TestGrid.config("ignite-default.xml"), ROOT.resolve(name))
                .withRoles(Set.of(role)).withSlots(1).withInstanceName(name)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, CLIENT + i, List.of(JOIN));
    }

    private static Set<String> ids(List<WorkerNode> workers) {
        return workers.stream().map(WorkerNode::nodeId).collect(Collectors.toSet());
    }
}
