package io.dtf.worker.ignite;

import io.dtf.worker.artifact.ArtifactCache;
import io.dtf.worker.artifact.CacheBound;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentMap;
import org.apache.ignite.Ignite;

/**
 * The worker's artifact cache, one per node, kept in the node-local map like its executor: under the
 * node's data directory ({@code artifacts/}), bounded by {@link CacheBound}, fetching from the grid.
 * Runners that need a task's artifacts get it from here ({@link WorkerRuntime} gives it to them); each
 * attempt holds what it asked for until it ends ({@link AttemptRun}).
 */
public final class WorkerArtifacts {
    private static final String KEY = "dtf.worker.artifacts";
    /** The folder of the cache inside the node's data directory. */
    public static final String FOLDER = "artifacts";

    private WorkerArtifacts() {
    }

    /** This node's cache, made on first use. */
    public static ArtifactCache of(Ignite ignite) {
        ConcurrentMap<String, ArtifactCache> map = ignite.cluster().nodeLocalMap();
        return map.computeIfAbsent(KEY, k -> {
            Path dataDir = Path.of(ignite.configuration().getWorkDirectory()).toAbsolutePath().getParent();
            return new ArtifactCache(dataDir.resolve(FOLDER), CacheBound.fromSystemProperties(), new GridArtifacts(ignite));
        });
    }
}
