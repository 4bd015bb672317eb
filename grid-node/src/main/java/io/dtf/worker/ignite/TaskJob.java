package io.dtf.worker.ignite;

import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskSpec;
import io.dtf.security.ignite.ReportKeys;
import io.dtf.wire.Json;
import io.dtf.worker.artifact.ArtifactCache;
import java.time.Instant;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobMasterLeaveAware;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.resources.TaskSessionResource;

/**
 * One attempt, executed on the worker it was sent to. Task failures come back as an outcome,
 * never as an exception: an exception here means the grid failed.
 *
 * <p>The attempt outlives its coordinator: if the coordinator's node (the compute task's master)
 * dies, Ignite would cancel the job; as {@link ComputeJobMasterLeaveAware} it carries on instead,
 * and its reply goes to the new coordinator through the service ({@link OrphanReports}).
 */
public final class TaskJob implements ComputeJob, ComputeJobMasterLeaveAware {
    private static final long serialVersionUID = 1L;

    private final String specJson;
    private final String taskKey;
    private final String attemptId;
    private final int attempt;
    private final long epoch;

    @IgniteInstanceResource
    private transient Ignite ignite;
    @TaskSessionResource
    private transient ComputeTaskSession session;
    private transient volatile Thread runner;
    private transient volatile boolean masterLeft;
    private transient volatile boolean stopRequested;

    public TaskJob(String specJson, String taskKey, String attemptId, int attempt, long epoch) {
        this.specJson = specJson;
        this.taskKey = taskKey;
        this.attemptId = attemptId;
        this.attempt = attempt;
        this.epoch = epoch;
    }

    @Override
    public Object execute() {
        ClusterNode local = ignite.cluster().localNode();
        String nodeId = local.id().toString();
        String hwClass = local.attribute(HardwareKeys.HW_CLASS);
        Instant started = Instant.now();
        if (!WorkerReadiness.isReady(ignite)) {
            // The coordinator waits for a worker to be ready; a job here now would find caches missing.
            throw new IgniteException("refused attempt " + attemptId + " of " + taskKey + ": node " + nodeId
                    + " is still starting and takes attempts once it is ready");
        }
        WorkerAttempts attempts = WorkerAttempts.of(ignite);
        LiveAttempt live = new LiveAttempt(taskKey, attemptId, attempt, nodeId, null);
        if (!attempts.begin(live, epoch)) {
            // Not an outcome of the task: the sender was replaced, and its successor decides.
            throw new IgniteException("refused attempt " + attemptId + " of " + taskKey + ": it comes from coordinator"
                    + " epoch " + epoch + ", but epoch " + attempts.newestEpoch() + " has taken over");
        }
        runner = Thread.currentThread();
        attempts.stoppable(live, this::stopByRequest);
        AttemptOutcome outcome;
        // What the attempt fetches into the artifact cache stays there until it ends.
        try (ArtifactCache.Hold held = WorkerArtifacts.of(ignite).hold()) {
            outcome = WorkerRuntime.executor(ignite).execute(Json.read(specJson, TaskSpec.class),
                    SessionCheckpoints.of(ignite, session, taskKey));
        } catch (RuntimeException e) {
            outcome = AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE,
                    "the worker could not run the task: " + e.getMessage());
        } finally {
            runner = null;
        }
        JobReply unsigned = new JobReply(taskKey, attemptId, nodeId, hwClass, outcome);
        // Signed before it is kept for a reconcile or sent: every way out carries the signature.
        JobReply reply = ReportKeys.signer(ignite).map(unsigned::signedWith).orElse(unsigned);
        attempts.end(live, reply);
        if (stopRequested) {
            // The interrupt was ours, not Ignite's (after end() no other comes): Ignite still sends the reply from here.
            Thread.interrupted();
        }
        if (masterLeft) {
            OrphanReports.deliver(ignite, reply);
        }
        return Json.write(reply);
    }

    @Override
    public void onMasterNodeLeft(ComputeTaskSession ses) {
        masterLeft = true;
    }

    /** The coordinator cancelled the task: the runner's interrupt kills its process tree or benchmark. */
    private void stopByRequest() {
        stopRequested = true;
        cancel();
    }

    @Override
    public void cancel() {
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }
}
