package io.dtf.coordinator.ignite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.coordinator.Assignment;
import io.dtf.coordinator.Dispatcher;
import io.dtf.coordinator.TaskRecord;
import io.dtf.protocol.AttemptOrder;
import io.dtf.protocol.ReplyTopic;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.node.Roles;
import io.dtf.wire.Json;
import io.dtf.worker.ignite.ReconcileJob;
import io.dtf.worker.ignite.StopJob;
import io.dtf.worker.ignite.BatchJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.compute.ComputeTaskCancelledException;
import org.apache.ignite.compute.ComputeTaskTimeoutException;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.apache.ignite.lang.IgniteFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts attempts with Ignite compute; the coordinator's node is the compute task's master. The
 * attempts of a round bound for one worker travel in one compute job ({@link BatchJob}): one round
 * trip for all of them. Each is answered on its own as it ends: by the worker's message
 * ({@link ReplyTopic}) or, for what that did not carry, by the batch's result. If the batch fails
 * (the worker left, or hangs past the longest timeout of the batch plus a grace), every attempt of
 * it not answered yet fails with it.
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
    /** After a batch's result, how long a reply the worker sent ahead may still be on its way. */
    private static final long REPLY_GRACE_MS = 30_000;
    /**
     * System property: at most this many attempts in one compute job (default: no limit). 1 sends
     * every attempt alone, as before batching; for comparing the two.
     */
    public static final String MAX_BATCH_PROPERTY = "dtf.dispatch.maxBatch";

    private final Ignite ignite;
    /**
     * Starting a compute task runs its mapping in the calling thread; doing that here keeps it off
     * the coordinator's event loop, which stays free to handle replies.
     */
    private final ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dtf-dispatch");
        t.setDaemon(true);
        return t;
    });

    /** The attempts sent and not answered yet, by {@link AttemptOrder#key()}. */
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final IgniteBiPredicate<UUID, Object> earlyReplies = this::early;

    private record Waiting(Assignment assignment, BiConsumer<Assignment, JobReply> onDone) {
    }

    public ComputeDispatcher(Ignite ignite) {
        this.ignite = ignite;
        ignite.message().localListen(ReplyTopic.NAME, earlyReplies);
    }

    @Override
    public void dispatch(List<Assignment> assignments, long epoch, BiConsumer<Assignment, JobReply> onDone) {
        int maxBatch = Math.max(1, Integer.getInteger(MAX_BATCH_PROPERTY, Integer.MAX_VALUE));
        Map<String, List<Assignment>> byNode = new LinkedHashMap<>();
        List<List<Assignment>> batches = new ArrayList<>();
        for (Assignment a : assignments) {
            List<Assignment> batch = byNode.get(a.nodeId());
            if (batch == null || batch.size() == maxBatch) {
                batch = new ArrayList<>();
                byNode.put(a.nodeId(), batch);
                batches.add(batch);
            }
            batch.add(a);
        }
        for (List<Assignment> batch : batches) {
            try {
                starter.execute(() -> start(batch, epoch, onDone));
            } catch (RejectedExecutionException e) {
                Instant now = Instant.now();
                batch.forEach(a -> onDone.accept(a, failed(a, now, e)));
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
        ignite.message().stopLocalListen(ReplyTopic.NAME, earlyReplies);
    }

    /** Sends one worker its attempts of a round in one compute job; each is answered once, whichever way comes first. */
    private void start(List<Assignment> batch, long epoch, BiConsumer<Assignment, JobReply> onDone) {
        Instant started = Instant.now();
        List<AttemptOrder> orders = new ArrayList<>(batch.size());
        long timeout = 0;
        for (Assignment a : batch) {
            TaskRecord t = a.task();
            AttemptOrder order = new AttemptOrder(t.key(), t.attemptId(), t.attempts(), Json.write(t.spec()));
            orders.add(order);
            // The worker times each attempt out itself; this only catches a worker that hangs.
            timeout = Math.max(timeout, t.spec().timeout().toMillis() + GRACE_MS);
            waiting.put(order.key(), new Waiting(a, onDone));
        }
        try {
            UUID node = UUID.fromString(batch.get(0).nodeId());
            ignite.compute(ignite.cluster().forNodeId(node)).withNoFailover().withTimeout(timeout)
                    .executeAsync(new DispatchTask(node), new BatchJob(orders, epoch))
                    .listen(f -> ended(f, node.toString(), orders, started));
        } catch (RuntimeException e) {
            failAll(orders, started, e);
        }
    }

    /** A batch's compute task ended: its result holds the replies not sent ahead. */
    private void ended(IgniteFuture<List<String>> f, String node, List<AttemptOrder> orders, Instant started) {
        List<String> replies;
        try {
            replies = f.get();
        } catch (RuntimeException e) {
            if (causedBy(e, ComputeTaskCancelledException.class)) {
                // Only a stopping node cancels DTF's tasks. The jobs run on (they outlive their master) and
                // the next coordinator reconciles them: no failure to record.
                LOG.info("{} attempt(s) left to the next coordinator: this node stops", orders.size());
                orders.forEach(o -> waiting.remove(o.key()));
                return;
            }
            failAll(orders, started, e);
            return;
        }
        replies.forEach(r -> answer(node, r));
        // The others were sent ahead; a message still on its way is due any moment.
        if (orders.stream().anyMatch(o -> waiting.containsKey(o.key()))) {
            try {
                starter.schedule(() -> lost(orders, started), REPLY_GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                LOG.info("this coordinator is closing: the next one reconciles attempts still unanswered");
            }
        }
    }

    /** The batch failed (the worker left, hangs, or could not be reached): its attempts not answered yet fail with it. */
    private void failAll(List<AttemptOrder> orders, Instant started, Exception e) {
        for (AttemptOrder o : orders) {
            Waiting w = waiting.remove(o.key());
            if (w != null) {
                w.onDone().accept(w.assignment(), failed(w.assignment(), started, e));
            }
        }
    }

    /**
     * A reply (JSON) from worker {@code sender}, in its batch's result or ahead of it: answers its
     * attempt if that was sent to this worker and is not answered yet.
     */
    private void answer(String sender, String replyJson) {
        JobReply reply;
        try {
            reply = Json.read(replyJson, JobReply.class);
        } catch (RuntimeException e) {
            LOG.warn("unreadable reply from node {} ignored: {}", sender, e.toString());
            return;
        }
        String key = AttemptOrder.key(reply.taskKey(), reply.attemptId());
        Waiting w = waiting.get(key);
        // Only the node the attempt was sent to may answer it; the reply check then looks at the reply itself.
        if (w != null && w.assignment().nodeId().equals(sender) && waiting.remove(key, w)) {
            w.onDone().accept(w.assignment(), reply);
        }
    }

    /** Replies a worker sent as its attempts ended, ahead of their batch's result ({@link ReplyTopic}). */
    private boolean early(UUID sender, Object message) {
        String node = sender.toString();
        if (message instanceof List<?> replies) {
            replies.forEach(r -> answer(node, String.valueOf(r)));
        } else if (message instanceof String reply) {
            answer(node, reply);
        } else {
            LOG.warn("early reply from node {} ignored: a {}, not replies", sender,
                    message == null ? "null" : message.getClass().getName());
        }
        return true;
    }

    /** The attempts of a batch that ended whose early reply never came: the worker said it sent it. */
    private void lost(List<AttemptOrder> orders, Instant started) {
        for (AttemptOrder o : orders) {
            Waiting w = waiting.remove(o.key());
            if (w != null) {
                w.onDone().accept(w.assignment(), new JobReply(o.taskKey(), o.attemptId(), w.assignment().nodeId(), null,
                        AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE, "node " + w.assignment().nodeId()
                                + " sent the attempt's reply ahead of its batch's result, but it never came")));
            }
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
