package io.dtf.worker.ignite;

import io.dtf.protocol.LiveAttempt;
import io.dtf.wire.Json;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sent by a new coordinator to each worker: "what do you run, what finished unreported; I am epoch N now". */
public final class ReconcileJob implements IgniteCallable<String> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJob.class);

    private final long epoch;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public ReconcileJob(long epoch) {
        this.epoch = epoch;
    }

    /** A JSON list of {@code LiveAttempt}. */
    @Override
    public String call() {
        List<LiveAttempt> attempts = WorkerAttempts.of(ignite).reconcile(epoch);
        LOG.info("coordinator epoch {} took over: this worker runs {} attempt(s) and holds {} finished one(s)", epoch,
                attempts.stream().filter(a -> a.finished() == null).count(),
                attempts.stream().filter(a -> a.finished() != null).count());
        return Json.write(attempts);
    }
}
