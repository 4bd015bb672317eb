package io.dtf.coordinator.ignite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.coordinator.Assignment;
import io.dtf.coordinator.Dispatcher;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.node.Roles;
import io.dtf.wire.Json;
import io.dtf.worker.ignite.ReconcileJob;
import io.dtf.worker.ignite.StopJob;
import io.dtf.worker.ignite.TaskJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.compute.ComputeTaskCancelledException;
import org.apache.ignite.compute.ComputeTaskTimeoutException;
import org.apache.ignite.lang.IgniteFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts attempts with Ignite compute; the coordinator's node is the compute task's master.
 *
 * <p>Ignite's failover is off for attempts ({@code withNoFailover}): when a worker dies, the
 * failure comes back here as {@link ClusterTopologyException} and the coordinator places the
 * retry itself. Ignite's failover SPI would move the job at once to any node of the group,
 * unaware of free slots, backoff and the nodes the task already failed on, could not wait for a
 * matching node to come back, and would hide the failed attempt from the record.
 */
public final class ComputeDispatcher implements Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeDispatcher.class);
    /** Beyond the task's own timeout (which the worker enforces), time to kill and report. */
    private static final long GRACE_MS = 30_000;
    private static final long RECONCILE_TIMEOUT_MS = 15_000;
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Ignite ignite;
    /**
     * Starting a compute task runs its mapping in the calling thread; doing that here keeps it off
     * the coordinator's event loop, which stays free to handle replies.
     */
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dtf-dispatch");
        t.setDaemon(true);
        return t;
    });

    public ComputeDispatcher(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public void dispatch(List<Assignment> assignments, long epoch, BiConsumer<Assignment, JobReply> onDone) {
        for (Assignment a : assignments) {
            Consumer<JobReply> reply = r -> onDone.accept(a, r);
            try {
                starter.execute(() -> start(a, epoch, reply));
            } catch (RejectedExecutionException e) {
                reply.accept(failed(a, Instant.now(), e));
            }
        }
    }

    @Override
    public List<LiveAttempt> reconcile(long epoch) {
        List<ClusterNode> workers = ignite.cluster().forPredicate(
                n -> Roles.has(n.attribute(HardwareKeys.ROLES), Roles.WORKER)).nodes().stream().toList();
        List<IgniteFuture<String>> answers = new ArrayList<>();
        for (ClusterNode w : workers) {
            answers.add(ignite.compute(ignite.cluster().forNode(w)).withNoFailover().withTimeout(RECONCILE_TIMEOUT_MS)
                    .callAsync(new ReconcileJob(epoch)));
        }
        List<LiveAttempt> found = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            try {
                found.addAll(Json.read(answers.get(i).get(), new TypeReference<List<LiveAttempt>>() { }));
            } catch (RuntimeException e) {
                // Its attempts count as lost and run again: a worker that cannot answer cannot report either.
                LOG.warn("worker {} did not answer the reconcile: {}", workers.get(i).id(), e.toString());
            }
        }
        LOG.info("reconciled with {} worker(s): {} attempt(s) running or finished unreported", workers.size(),
                found.size());
        return found;
    }

    @Override
    public void stop(String nodeId, String taskKey, String attemptId, long epoch) {
        try {
            starter.execute(() -> {
                try {
                    ignite.compute(ignite.cluster().forNodeId(UUID.fromString(nodeId))).withNoFailover()
                            .withTimeout(STOP_TIMEOUT_MS).callAsync(new StopJob(taskKey, attemptId, epoch))
                            .listen(f -> {
                                try {
                                    LOG.info("stop of attempt {} of {} on node {}: {}", attemptId, taskKey, nodeId,
                                            f.get() ? "stopping" : "not running there (any more)");
                                } catch (RuntimeException e) {
                                    LOG.info("stop of attempt {} of {} did not reach node {}: {}", attemptId, taskKey,
                                            nodeId, e.toString());
                                }
                            });
                } catch (RuntimeException e) {
                    // The node left: its attempt fails as NODE_LEFT, which a cancelled task records as CANCELLED.
                    LOG.info("stop of attempt {} of {} not sent to node {}: {}", attemptId, taskKey, nodeId, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.info("stop of attempt {} of {} not sent: this coordinator is closing", attemptId, taskKey);
        }
    }

    /** Stops starting attempts; those already started report as usual. */
    public void close() {
        starter.shutdown();
    }

    private void start(Assignment a, long epoch, Consumer<JobReply> onDone) {
        Instant started = Instant.now();
        try {
            UUID node = UUID.fromString(a.nodeId());
            long timeout = a.task().spec().timeout().toMillis() + GRACE_MS;
            TaskJob job = new TaskJob(Json.write(a.task().spec()), a.task().key(), a.task().attemptId(),
                    a.task().attempts(), epoch);
            ignite.compute(ignite.cluster().forNodeId(node)).withNoFailover().withTimeout(timeout)
                    .executeAsync(new DispatchTask(node), job)
                    .listen(f -> {
                        JobReply reply;
                        try {
                            reply = Json.read(f.get(), JobReply.class);
                        } catch (RuntimeException e) {
                            if (causedBy(e, ComputeTaskCancelledException.class)) {
                                // Only a stopping node cancels DTF's tasks. The job runs on (it outlives its
                                // master) and the next coordinator reconciles it: no failure to record.
                                LOG.info("attempt {} of {} left to the next coordinator: this node stops",
                                        a.task().attemptId(), a.task().key());
                                return;
                            }
                            reply = failed(a, started, e);
                        }
                        onDone.accept(reply);
                    });
        } catch (RuntimeException e) {
            onDone.accept(failed(a, started, e));
        }
    }

    private static JobReply failed(Assignment a, Instant started, Exception e) {
        AttemptOutcome outcome;
        if (causedBy(e, ClusterTopologyException.class)) {
            outcome = AttemptOutcome.error(started, FailureCategory.NODE_LEFT,
                    "node " + a.nodeId() + " left the grid during the attempt: " + e.getMessage());
        } else if (causedBy(e, ComputeTaskTimeoutException.class)) {
            outcome = AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE, "node " + a.nodeId()
                    + " sent no reply within the task's timeout plus " + GRACE_MS / 1000 + " s; the worker hangs");
        } else {
            outcome = AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE,
                    "the attempt could not run on node " + a.nodeId() + ": " + e.getClass().getSimpleName() + ": "
                            + e.getMessage());
        }
        return new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), null, outcome);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
