package io.dtf.worker.artifact;

import io.dtf.model.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

    /**
     * A private copy of a TREE's folder at {@code into} (created; it must not exist yet), for a process
     * that writes into it, such as a test JVM in its working directory: the folder {@link #path} answers
     * is shared by every attempt that names the artifact, and writing into it would change it for them.
     *
     * @throws ArtifactUnavailableException as {@link #path}, or when the copy cannot be written
     */
    default Path writableCopy(ArtifactRef tree, Path into) throws ArtifactUnavailableException {
        Path source = path(tree);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = into.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ArtifactUnavailableException("artifact " + tree.name() + " (" + tree.sha256() + "): cannot copy"
                    + " it to " + into + ": " + e.getMessage(), e);
        }
        return into;
    }
}
