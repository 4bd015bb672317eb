package io.dtf.worker.artifact;

import io.dtf.artifact.StoredArtifact;
import java.util.Optional;

/** Where a worker's {@link ArtifactCache} fetches artifacts from: the grid's store, or a test's map. */
public interface ArtifactSource {
    /** What the grid holds under {@code sha256}, if anything. */
    Optional<StoredArtifact> find(String sha256);

    /** Chunk {@code index} of {@code artifact}, or null when it is gone. */
    byte[] chunk(StoredArtifact artifact, int index);
}
