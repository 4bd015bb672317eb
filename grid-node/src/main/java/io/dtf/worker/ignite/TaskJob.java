package io.dtf.worker.ignite;

import io.dtf.coordinator.JobReply;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.TaskSpec;
import io.dtf.wire.Json;
import java.time.Instant;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * One attempt, executed on the worker Ignite placed it on. Task failures come back as an outcome,
 * never as an exception: an exception here means the grid failed, which Ignite may fail over.
 */
public final class TaskJob implements ComputeJob {
    private static final long serialVersionUID = 1L;

    private final String specJson;

    @IgniteInstanceResource
    private transient Ignite ignite;
    private transient volatile Thread runner;

    public TaskJob(String specJson) {
        this.specJson = specJson;
    }

    @Override
    public Object execute() {
        runner = Thread.currentThread();
        ClusterNode local = ignite.cluster().localNode();
        Instant started = Instant.now();
        AttemptOutcome outcome;
        try {
            outcome = WorkerRuntime.executor(ignite).execute(Json.read(specJson, TaskSpec.class));
        } catch (RuntimeException e) {
            outcome = AttemptOutcome.error(started, "the worker could not run the task: " + e.getMessage());
        } finally {
            runner = null;
        }
        return Json.write(new JobReply(local.id().toString(), local.attribute(HardwareKeys.HW_CLASS), outcome));
    }

    @Override
    public void cancel() {
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }
}
