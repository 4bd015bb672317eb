package io.dtf.worker.ignite;

import io.dtf.wire.Json;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;

/** Sent by a new coordinator to each worker: "what do you run, what finished unreported; I am epoch N now". */
public final class ReconcileJob implements IgniteCallable<String> {
    private static final long serialVersionUID = 1L;

    private final long epoch;

    @IgniteInstanceResource
    private transient Ignite ignite;

    public ReconcileJob(long epoch) {
        this.epoch = epoch;
    }

    /** A JSON list of {@code LiveAttempt}. */
    @Override
    public String call() {
        return Json.write(WorkerAttempts.of(ignite).reconcile(epoch));
    }
}
