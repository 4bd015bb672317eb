package io.dtf.worker.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.checkpoint.CheckpointException;
import io.dtf.checkpoint.CheckpointStore;
import io.dtf.grid.TestGrid;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.node.Roles;
import io.dtf.wire.CacheNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobMasterLeaveAware;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.compute.ComputeTaskSessionFullSupport;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.resources.TaskSessionResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints through real compute task sessions, with the checkpoint SPI of the real config: what
 * one compute task saves for a task key, a later and separate compute task loads, on another node.
 */
class SessionCheckpointsIT {
    // This class's own port block: discovery 28700+, communication 28720+, thin clients 10980+.
    private static final int DISCOVERY = 28700;
    private static final int COMMUNICATION = 28720;
    private static final int CLIENT = 10980;
    private static final Path ROOT = Path.of("target", "grids", "session-checkpoints").toAbsolutePath();
    private static final String NOTHING = "(nothing)";

    private static final List<DtfNode> nodes = new ArrayList<>();
    private static Ignite coordinator;
    private static DtfNode worker;

    @BeforeAll
    static void start() {
        // The master of every compute task and the holder of the caches, like a coordinator's node.
        coordinator = start("cp-data", Set.of(Roles.DATA)).ignite();
        worker = start("cp-worker", Set.of(Roles.WORKER));
    }

    @AfterAll
    static void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                // stopped by the test already
            }
        }
    }

    @Test
    void aCheckpointSavedInOneSessionIsLoadedByTheNextAttemptOnAnotherNodeAndGoneOnceRemoved() {
        String taskKey = "run-1/counted-work[iterations=1000]#1";
        DtfNode leaving = start("cp-leaving", Set.of(Roles.WORKER));
        assertEquals(NOTHING, load(leaving, taskKey));

        assertEquals("saved", save(leaving, taskKey, "step 41"));
        assertEquals("saved", save(leaving, taskKey, "step 42"));
        assertTrue(coordinator.cache(CacheNames.CHECKPOINTS).containsKey(taskKey), "stored under the task key");
        leaving.close(); // the worker that saved dies; its compute task ended long before

        assertEquals("step 42", load(worker, taskKey));
        assertTrue(SessionCheckpoints.remove(coordinator, taskKey));
        assertEquals(NOTHING, load(worker, taskKey));
        assertFalse(coordinator.cache(CacheNames.CHECKPOINTS).containsKey(taskKey));
        assertFalse(SessionCheckpoints.remove(coordinator, taskKey), "nothing left to remove");
    }

    @Test
    void eachTaskKeyHasItsOwnCheckpoint() {
        save(worker, "run-2/a", "a's state");
        save(worker, "run-2/b", "b's state");

        assertEquals("a's state", load(worker, "run-2/a"));
        assertTrue(SessionCheckpoints.remove(coordinator, "run-2/a"));
        assertEquals("b's state", load(worker, "run-2/b"));
    }

    @Test
    void aJobThatOutlivedItsMasterStillSavesCheckpoints() throws Exception {
        String taskKey = "run-4/long#1";
        DtfNode master = start("cp-master", Set.of(Roles.WORKER));
        // Every node, clients included: a worker-only node is a client, and compute() alone means servers.
        master.ignite().compute(master.ignite().cluster()).executeAsync(new OrphanTask(),
                new Probe(worker.ignite().cluster().localNode().id(), taskKey, "saved without a master"));
        assertTrue(OrphanJob.STARTED.await(20, TimeUnit.SECONDS), "the job never started");

        master.close(); // like the coordinator's node dying while a benchmark runs

        assertEquals("saved", OrphanJob.RESULT.get(20, TimeUnit.SECONDS));
        assertEquals("saved without a master", load(worker, taskKey));
    }

    @Test
    void aSaveThatCannotBeStoredFailsLoudly() {
        // Without full session support Ignite refuses every checkpoint.
        String answer = probe(new PlainSession(), worker, "run-3/a", "lost");

        assertTrue(answer.startsWith("failed: task run-3/a: a checkpoint could not be saved"), answer);
        assertEquals(NOTHING, load(worker, "run-3/a"));
    }

    @Test
    void onlyAnAttemptThatTriedToSaveSaysItMayHaveLeftACheckpoint() {
        // What the worker's reply says, so that the coordinator removes checkpoints only where there may be one.
        assertEquals("false", probe(new FullSessionSaveTried(), worker, "run-5/a", null), "loaded only");
        assertEquals("true", probe(new FullSessionSaveTried(), worker, "run-5/b", "b's state"), "saved");
        assertEquals("true", probe(new PlainSessionSaveTried(), worker, "run-5/c", "lost"),
                "a failed save may still have stored something");
        assertTrue(SessionCheckpoints.remove(coordinator, "run-5/b"));
    }

    private static String save(DtfNode on, String taskKey, String state) {
        return probe(new FullSession(), on, taskKey, state);
    }

    private static String load(DtfNode on, String taskKey) {
        return probe(new FullSession(), on, taskKey, null);
    }

    /** Runs a compute task of its own from the coordinator's node, whose job on {@code on} saves or loads. */
    private static String probe(ProbeTask task, DtfNode on, String taskKey, String state) {
        Probe probe = new Probe(on.ignite().cluster().localNode().id(), taskKey, state);
        return coordinator.compute(coordinator.cluster()).execute(task, probe);
    }

    private static DtfNode start(String name, Set<String> roles) {
        int i = nodes.size();
        NodeOptions options = NodeOptions.of(TestGrid.config("ignite-default.xml"), ROOT.resolve(name))
                .withRoles(roles).withSlots(1).withInstanceName(name)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, CLIENT + i,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9)));
        DtfNode node = DtfNode.start(options);
        nodes.add(node);
        return node;
    }

    /** Plain fields: the argument crosses Ignite's marshaller. */
    static final class Probe {
        final UUID node;
        final String taskKey;
        final String state;

        Probe(UUID node, String taskKey, String state) {
            this.node = node;
            this.taskKey = taskKey;
            this.state = state;
        }
    }

    /** One job on the chosen node; a task of its own per call, as every attempt of DTF is. */
    abstract static class ProbeTask extends ComputeTaskAdapter<Probe, String> {
        @Override
        public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Probe arg) {
            ClusterNode target = subgrid.stream().filter(n -> n.id().equals(arg.node)).findFirst()
                    .orElseThrow(() -> new IgniteException("node " + arg.node + " is not in the grid"));
            return Map.of(job(arg), target);
        }

        ComputeJob job(Probe arg) {
            return new ProbeJob(arg.taskKey, arg.state, false);
        }

        @Override
        public String reduce(List<ComputeJobResult> results) {
            return results.get(0).getData();
        }
    }

    @ComputeTaskSessionFullSupport
    static final class FullSession extends ProbeTask {
    }

    static final class PlainSession extends ProbeTask {
    }

    @ComputeTaskSessionFullSupport
    static final class OrphanTask extends ProbeTask {
        @Override
        ComputeJob job(Probe arg) {
            return new OrphanJob(arg.taskKey, arg.state);
        }
    }

    /** Waits for its master to leave, then saves: nodes share this JVM, so statics carry the news. */
    static final class OrphanJob extends ComputeJobAdapter implements ComputeJobMasterLeaveAware {
        static final CountDownLatch STARTED = new CountDownLatch(1);
        static final CountDownLatch MASTER_LEFT = new CountDownLatch(1);
        static final CompletableFuture<String> RESULT = new CompletableFuture<>();

        private final String taskKey;
        private final String state;
        @IgniteInstanceResource
        private transient Ignite ignite;
        @TaskSessionResource
        private transient ComputeTaskSession session;

        OrphanJob(String taskKey, String state) {
            this.taskKey = taskKey;
            this.state = state;
        }

        @Override
        public Object execute() {
            STARTED.countDown();
            try {
                if (!MASTER_LEFT.await(20, TimeUnit.SECONDS)) {
                    RESULT.complete("the master never left");
                    return null;
                }
            } catch (InterruptedException e) {
                RESULT.complete("interrupted");
                return null;
            }
            CheckpointStore store = SessionCheckpoints.of(ignite, session, taskKey);
            boolean saved = store.save(state.getBytes(StandardCharsets.UTF_8));
            RESULT.complete(saved ? "saved" : "not saved");
            return null;
        }

        @Override
        public void onMasterNodeLeft(ComputeTaskSession ses) {
            MASTER_LEFT.countDown();
        }
    }

    /** Answers whether the attempt tried to save ({@link SessionCheckpoints#saveTried}), not what it did. */
    @ComputeTaskSessionFullSupport
    static final class FullSessionSaveTried extends ProbeTask {
        @Override
        ComputeJob job(Probe arg) {
            return new ProbeJob(arg.taskKey, arg.state, true);
        }
    }

    static final class PlainSessionSaveTried extends ProbeTask {
        @Override
        ComputeJob job(Probe arg) {
            return new ProbeJob(arg.taskKey, arg.state, true);
        }
    }

    /** Saves {@code state}, or loads when it is null; answers what happened, or whether a save was tried. */
    static final class ProbeJob extends ComputeJobAdapter {
        private final String taskKey;
        private final String state;
        private final boolean answerSaveTried;
        @IgniteInstanceResource
        private transient Ignite ignite;
        @TaskSessionResource
        private transient ComputeTaskSession session;

        ProbeJob(String taskKey, String state, boolean answerSaveTried) {
            this.taskKey = taskKey;
            this.state = state;
            this.answerSaveTried = answerSaveTried;
        }

        @Override
        public Object execute() {
            CheckpointStore store = SessionCheckpoints.of(ignite, session, taskKey);
            String answer;
            try {
                answer = state != null
                        ? (store.save(state.getBytes(StandardCharsets.UTF_8)) ? "saved" : "not saved")
                        : store.load().map(b -> new String(b, StandardCharsets.UTF_8)).orElse(NOTHING);
            } catch (CheckpointException e) {
                answer = "failed: " + e.getMessage();
            }
            return answerSaveTried ? String.valueOf(SessionCheckpoints.saveTried(store)) : answer;
        }
    }
}
