package io.dtf.worker.ignite;

import io.dtf.wire.CacheNames;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * A worker's word that its start-up has finished. Ignite lists a node, and would run compute jobs
 * on it, as soon as it has joined, before the node has started its caches (the checkpoint SPI's
 * among them): an attempt that arrived then could not load its checkpoint. So the last step of a
 * worker's start-up is {@link #announce}, and the coordinator sends attempts only to workers that
 * have announced ({@code ReadyWorkers}); a job that reaches a worker before that is refused.
 *
 * <pre>{@code
 * // at the very end of a worker's start-up
 * WorkerReadiness.announce(ignite);
 *
 * // in a job, before it runs anything
 * if (!WorkerReadiness.isReady(ignite)) throw new IgniteException("still starting");
 * }</pre>
 */
public final class WorkerReadiness {
    private static final String LOCAL_FLAG = "dtf.worker.ready";

    private WorkerReadiness() {
    }

    /**
     * Marks this node ready, for its own jobs, then tells the grid: an entry keyed by its node id,
     * holding the time (epoch milliseconds, this node's clock), in {@link CacheNames#READY_WORKERS}.
     */
    public static void announce(Ignite ignite) {
        ignite.cluster().<String, Boolean>nodeLocalMap().put(LOCAL_FLAG, Boolean.TRUE);
        IgniteCache<String, Long> ready = ignite.cache(CacheNames.READY_WORKERS);
        ready.put(ignite.cluster().localNode().id().toString(), System.currentTimeMillis());
    }

    /** Whether this node has finished its start-up as a worker. */
    public static boolean isReady(Ignite ignite) {
        return Boolean.TRUE.equals(ignite.cluster().<String, Boolean>nodeLocalMap().get(LOCAL_FLAG));
    }
}
