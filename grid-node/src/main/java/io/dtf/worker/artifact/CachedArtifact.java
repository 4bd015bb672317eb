package io.dtf.worker.artifact;

import io.dtf.model.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One artifact in a worker's cache: where it lies, what it takes, and each of its files' size and time
 * as they were when its digest was checked, to notice cheaply when they change. The use count and
 * holds are the cache's, guarded by it.
 */
final class CachedArtifact {
    final ArtifactRef ref;
    final Path path;
    /** The folder that holds it and nothing else: what eviction deletes. */
    final Path home;
    final long bytes;
    private final Map<Path, List<Long>> stamps;
    long lastUsed;
    int holds;

    CachedArtifact(ArtifactRef ref, Path path, Path home, long bytes) throws IOException {
        this.ref = ref;
        this.path = path;
        this.home = home;
        this.bytes = bytes;
        this.stamps = stamps(path);
    }

    /** Whether its files are as they were when checked: the same files, each of the same size and time. */
    boolean intact() {
        try {
            return stamps(path).equals(stamps);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static Map<Path, List<Long>> stamps(Path path) throws IOException {
        Map<Path, List<Long>> stamps = new HashMap<>();
        try (Stream<Path> files = Files.walk(path)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    stamps.put(f, List.of(Files.size(f), Files.getLastModifiedTime(f).toMillis()));
                }
            }
        }
        return stamps;
    }
}
