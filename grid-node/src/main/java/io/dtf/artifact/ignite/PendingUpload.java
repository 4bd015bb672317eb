package io.dtf.artifact.ignite;

import io.dtf.model.ArtifactRef;

/**
 * An upload under way: its chunks arrive in order under {@code blob}, and {@code size} bytes of the
 * total bound are reserved for it until it ends.
 *
 * @param received        how many chunks have arrived
 * @param startedAtMillis when it began (the coordinator's clock), for sweeping abandoned uploads
 */
public record PendingUpload(ArtifactRef ref, String blob, int received, long startedAtMillis) {
    public PendingUpload next() {
        return new PendingUpload(ref, blob, received + 1, startedAtMillis);
    }
}
