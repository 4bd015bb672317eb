package io.dtf.worker.ignite;

import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.protocol.AttemptOrder;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import io.dtf.security.ignite.ReportKeys;
import io.dtf.wire.Json;
import io.dtf.worker.artifact.ArtifactCache;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.compute.ComputeTaskSession;

/**
 * One attempt of a {@link BatchJob}, on its own thread: runs the task, signs the reply, records it
 * for a reconcile and hands it on. Stoppable on its own ({@link StopJob}) while the others of its
 * batch run on.
 */
final class AttemptRun implements Runnable {
    private final Ignite ignite;
    private final ComputeTaskSession session;
    private final AttemptOrder order;
    private final LiveAttempt live;
    private final String hwClass;
    private final Consumer<AttemptRun> onEnd;
    private volatile Thread runner;
    private volatile boolean interrupted;
    private volatile boolean stopRequested;
    private volatile JobReply reply;
    private volatile String replyJson;

    /** @param live the attempt as registered in {@link WorkerAttempts} */
    AttemptRun(Ignite ignite, ComputeTaskSession session, AttemptOrder order, LiveAttempt live, String hwClass,
               Consumer<AttemptRun> onEnd) {
        this.ignite = ignite;
        this.session = session;
        this.order = order;
        this.live = live;
        this.hwClass = hwClass;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        Instant started = Instant.now();
        WorkerAttempts attempts = WorkerAttempts.of(ignite);
        runner = Thread.currentThread();
        if (interrupted) {
            runner.interrupt(); // the job was cancelled before this thread took the attempt
        }
        attempts.stoppable(live, this::stopByRequest);
        AttemptOutcome outcome;
        CheckpointStore checkpoints = CheckpointStore.NONE;
        // What the attempt fetches into the artifact cache stays there until it ends.
        try (ArtifactCache.Hold held = WorkerArtifacts.of(ignite).hold()) {
            checkpoints = SessionCheckpoints.of(ignite, session, order.taskKey());
            outcome = WorkerRuntime.executor(ignite).execute(Json.read(order.specJson(), TaskSpec.class), checkpoints);
        } catch (RuntimeException e) {
            outcome = AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE,
                    "the worker could not run the task: " + e.getMessage());
        } finally {
            runner = null;
        }
        // Saying whether it saved a checkpoint spares the coordinator removing one that was never there.
        JobReply unsigned = new JobReply(order.taskKey(), order.attemptId(), live.nodeId(), hwClass, outcome)
                .withCheckpointed(SessionCheckpoints.saveTried(checkpoints));
        // Signed before it is kept for a reconcile or sent: every way out carries the signature.
        JobReply signed = ReportKeys.signer(ignite).map(unsigned::signedWith).orElse(unsigned);
        attempts.end(live, signed);
        // A stop's interrupt must not outlive the attempt on this pooled thread (after end() no other comes).
        Thread.interrupted();
        replyJson = Json.write(signed);
        reply = signed;
        onEnd.accept(this);
    }

    /** The coordinator cancelled the task ({@link StopJob}). */
    private void stopByRequest() {
        stopRequested = true;
        interrupt();
    }

    /**
     * Whether the reply may go ahead of its batch's result. Not when the attempt was cancelled by
     * the grid rather than by the coordinator (its node stopping, or its batch timed out): the
     * coordinator then decides from its side (the node left, or hung), as it would without a reply.
     */
    boolean mayGoAhead() {
        return stopRequested || reply.outcome().status() != TaskState.CANCELLED;
    }

    /** Stops the attempt: its thread's interrupt kills its process tree or cancels its benchmark. */
    void interrupt() {
        interrupted = true;
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    /** The attempt's reply, once it has ended. */
    JobReply reply() {
        return reply;
    }

    /** The attempt's reply as JSON, once it has ended. */
    String replyJson() {
        return replyJson;
    }
}
