package io.dtf.artifact;

import java.util.List;

/**
 * The grid's answer to "which of these do you lack?".
 *
 * @param missing the digests to send
 * @param errors  why some cannot be sent at all (too large, beyond the grid's total bound), each naming
 *                the artifact; empty when all can
 */
public record MissingArtifacts(List<String> missing, List<String> errors) {
    public MissingArtifacts {
        missing = missing == null ? List.of() : List.copyOf(missing);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
