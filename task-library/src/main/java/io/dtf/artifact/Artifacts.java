package io.dtf.artifact;

import java.nio.file.Path;

/**
 * Names local files and directories by the SHA-256 of their bytes, for upload.
 *
 * <pre>{@code
 * LocalArtifact jar = Artifacts.file(Path.of("lib/junit-jupiter-api-5.11.4.jar"));
 * LocalArtifact classes = Artifacts.tree(Path.of("target/test-classes"), Path.of("target/dtf-artifacts"));
 * }</pre>
 */
public final class Artifacts {
    private Artifacts() {
    }

    /** A file as it is (kind FILE). */
    public static LocalArtifact file(Path file) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A directory packed into a zip under {@code packInto} (kind TREE): the same files give the same
     * bytes and so the same digest (sorted entries, fixed times), wherever and whenever it is packed.
     */
    public static LocalArtifact tree(Path directory, Path packInto) {
        throw new UnsupportedOperationException("not yet");
    }
}
