package io.dtf.worker.ignite;

import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sent by the coordinator to the worker running an attempt of a cancelled task: stop it. The
 * attempt's thread is interrupted, which kills a command's process tree or cancels a benchmark
 * (as a timeout does), and the attempt reports CANCELLED through its compute task as usual.
 * Fenced like attempts: a stop from a coordinator older than the newest this worker has heard of
 * is ignored.
 */
public final class StopJob implements IgniteCallable<Boolean> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StopJob.class);

    private final String taskKey;
    private final String attemptId;
    private final long epoch;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public StopJob(String taskKey, String attemptId, long epoch) {
        this.taskKey = taskKey;
        this.attemptId = attemptId;
        this.epoch = epoch;
    }

    /** Whether the attempt ran here and is being stopped. */
    @Override
    public Boolean call() {
        boolean stopping = WorkerAttempts.of(ignite).stop(taskKey, attemptId, epoch);
        if (stopping) {
            LOG.info("attempt {} of {} cancelled by coordinator epoch {}: stopping it", attemptId, taskKey, epoch);
        }
        return stopping;
    }
}
