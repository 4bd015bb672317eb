package io.dtf.worker.jvm;

import io.dtf.model.ArtifactRef;
import io.dtf.worker.artifact.ArtifactFiles;
import io.dtf.worker.artifact.ArtifactUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The artifacts of a test: files and directories already on disk, named by the SHA-256 of a jar's
 * bytes (or of a directory's path), answered as they are. Artifacts never added are unavailable, as
 * on a grid that does not hold them.
 */
final class DirectoryArtifacts implements ArtifactFiles {
    private final Map<String, Path> paths = new ConcurrentHashMap<>();

    /** A reference to {@code path}, now held: FILE for a file, TREE for a directory. */
    ArtifactRef add(Path path) {
        ArtifactRef ref = ref(path);
        paths.put(ref.sha256(), path);
        return ref;
    }

    /** A reference to {@code path} that this store does not hold. */
    static ArtifactRef ref(Path path) {
        boolean tree = Files.isDirectory(path);
        try {
            byte[] bytes = tree ? path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(path);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            String name = path.getFileName().toString() + (tree ? ".zip" : "");
            ArtifactRef.Kind kind = tree ? ArtifactRef.Kind.TREE : ArtifactRef.Kind.FILE;
            return new ArtifactRef(sha, name, tree ? 0 : bytes.length, kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Path path(ArtifactRef ref) throws ArtifactUnavailableException {
        Path path = paths.get(ref.sha256());
        if (path == null) {
            throw new ArtifactUnavailableException("artifact " + ref.name() + " (sha256 " + ref.sha256()
                    + ") is not held by the grid; upload it first");
        }
        return path;
    }
}
