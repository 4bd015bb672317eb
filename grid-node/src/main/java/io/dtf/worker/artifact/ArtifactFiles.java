package io.dtf.worker.artifact;

import io.dtf.model.ArtifactRef;
import java.nio.file.Path;

/**
 * Where a worker finds a task's artifacts on its own disk, fetched and checked against their digests
 * first when need be.
 */
public interface ArtifactFiles {
    /**
     * The artifact's bytes as a local file (kind FILE), or the directory it unpacks to (kind TREE);
     * the path stays valid at least until the attempt that asked ends.
     *
     * @throws ArtifactUnavailableException when the grid does not hold it, its bytes do not match its
     *         digest, or (for a TREE) an entry would land outside its directory; the message names the
     *         artifact and what is wrong
     */
    Path path(ArtifactRef ref) throws ArtifactUnavailableException;
}
