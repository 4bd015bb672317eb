package io.dtf.artifact;

import java.util.List;

/**
 * The grid's answer to one step of an upload.
 *
 * @param uploadId the upload to send chunks to (after the first step), or null when none is needed
 * @param stored   the grid holds the artifact now: it had it already, or the last chunk arrived and
 *                 the bytes matched their digest
 * @param errors   why the step was refused, naming the artifact; nothing of a refused upload is kept
 */
public record ArtifactUploadReply(String uploadId, boolean stored, List<String> errors) {
    public ArtifactUploadReply {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ArtifactUploadReply refused(String error) {
        return new ArtifactUploadReply(null, false, List.of(error));
    }

    public boolean accepted() {
        return errors.isEmpty();
    }
}
