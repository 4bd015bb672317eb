package io.dtf.worker.ignite;

import io.dtf.artifact.StoredArtifact;
import io.dtf.artifact.ignite.CacheArtifactStore;
import io.dtf.worker.artifact.ArtifactSource;
import java.util.Optional;
import org.apache.ignite.Ignite;

/** The grid's artifact store as a worker's cache reads it: straight from DTF's caches. */
final class GridArtifacts implements ArtifactSource {
    private final Ignite ignite;

    GridArtifacts(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public Optional<StoredArtifact> find(String sha256) {
        return CacheArtifactStore.find(ignite, sha256);
    }

    @Override
    public byte[] chunk(StoredArtifact artifact, int index) {
        return CacheArtifactStore.chunk(ignite, artifact, index);
    }
}
