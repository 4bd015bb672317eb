package io.dtf.worker.ignite;

import io.dtf.hardware.HardwareKeys;
import io.dtf.protocol.AttemptOrder;
import io.dtf.protocol.LiveAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobMasterLeaveAware;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.resources.TaskSessionResource;

/**
 * The attempts one scheduling round bound for this worker, in one compute job: one round trip
 * for all of them. They run at once, each on its own thread as if sent alone (the first on the
 * job's). Each reply goes to
 * the coordinator as soon as its attempt ends, in a message on {@link io.dtf.protocol.ReplyTopic}
 * ({@link EarlyReplies}: replies that end together share one); the job returns when all have
 * ended, with the replies not sent that way (JSON), the last one's at least. Task failures come
 * back as outcomes, never as an exception: an exception here means the grid failed, and fails
 * the whole batch.
 *
 * <p>The attempts outlive their coordinator: if the coordinator's node (the compute task's
 * master) dies, Ignite would cancel the job; as {@link ComputeJobMasterLeaveAware} it carries on
 * instead, and replies of attempts that end afterwards go to the new coordinator through the
 * service ({@link OrphanReports}).
 */
public final class BatchJob implements ComputeJob, ComputeJobMasterLeaveAware {
    private static final long serialVersionUID = 1L;

    private final List<AttemptOrder> orders;
    private final long epoch;

    @IgniteInstanceResource
    private transient Ignite ignite;
    @TaskSessionResource
    private transient ComputeTaskSession session;
    private transient volatile List<AttemptRun> runs;
    private transient volatile boolean masterLeft;

    /** @param epoch the sending coordinator's epoch: refused once a newer one has been heard of */
    public BatchJob(List<AttemptOrder> orders, long epoch) {
        this.orders = List.copyOf(orders);
        this.epoch = epoch;
    }

    /** The replies (JSON) not sent ahead in a message. */
    @Override
    public Object execute() {
        ClusterNode local = ignite.cluster().localNode();
        String nodeId = local.id().toString();
        if (!WorkerReadiness.isReady(ignite)) {
            // The coordinator waits for a worker to be ready; a job here now would find caches missing.
            throw new IgniteException("refused " + orders.size() + " attempt(s): node " + nodeId
                    + " is still starting and takes attempts once it is ready");
        }
        WorkerAttempts attempts = WorkerAttempts.of(ignite);
        List<LiveAttempt> live = orders.stream()
                .map(o -> new LiveAttempt(o.taskKey(), o.attemptId(), o.attempt(), nodeId, null)).toList();
        if (!attempts.beginAll(live, epoch)) {
            // Not an outcome of the tasks: the sender was replaced, and its successor decides.
            throw new IgniteException("refused " + orders.size() + " attempt(s): they come from coordinator epoch "
                    + epoch + ", but epoch " + attempts.newestEpoch() + " has taken over");
        }
        String hwClass = local.attribute(HardwareKeys.HW_CLASS);
        EarlyReplies early = new EarlyReplies(ignite, session.getTaskNodeId());
        CountDownLatch ended = new CountDownLatch(orders.size());
        AtomicInteger running = new AtomicInteger(orders.size());
        List<AttemptRun> started = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            started.add(new AttemptRun(ignite, session, orders.get(i), live.get(i), hwClass, run -> {
                if (masterLeft) {
                    OrphanReports.deliver(ignite, run.reply());
                } else if (running.decrementAndGet() > 0 && run.mayGoAhead()) {
                    early.add(run);
                    early.send();
                } else {
                    early.hold(run); // back with the job's result: the last one's comes right after
                }
                ended.countDown();
            }));
        }
        runs = started;
        // The first runs on this thread: a batch of one (the usual case at low load) costs no thread hand-off.
        started.subList(1, started.size()).forEach(r -> AttemptThreads.of(ignite).execute(r));
        started.get(0).run();
        awaitUninterruptibly(ended);
        // Every early send has returned (each attempt counts down after its own): the rest was not sent.
        List<AttemptRun> unsent = early.unsent();
        if (masterLeft) {
            unsent.forEach(r -> OrphanReports.deliver(ignite, r.reply()));
        }
        List<String> replies = new ArrayList<>(unsent.size());
        unsent.forEach(r -> replies.add(r.replyJson()));
        return replies;
    }

    /**
     * Waits for every attempt: an interrupt of this thread (Ignite cancelling the job) reaches the
     * attempts through {@link #cancel()}, and each still ends with a reply.
     */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onMasterNodeLeft(ComputeTaskSession ses) {
        masterLeft = true;
    }

    /** Ignite cancelled the job: every attempt's thread is interrupted, which kills its process tree or benchmark. */
    @Override
    public void cancel() {
        List<AttemptRun> r = runs;
        if (r != null) {
            r.forEach(AttemptRun::interrupt);
        }
    }
}
