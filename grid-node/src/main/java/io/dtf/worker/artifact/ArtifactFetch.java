package io.dtf.worker.artifact;

import io.dtf.artifact.Artifacts;
import io.dtf.artifact.StoredArtifact;
import io.dtf.model.ArtifactRef;
import io.dtf.requirements.Quantity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.zip.ZipException;

/**
 * Brings one artifact from the grid into the cache's folders: its chunks into a partial file, checked
 * against the digest, then moved to {@code files/<sha256>/<name>} or unpacked into {@code trees/<sha256>/}.
 * Nothing reaches those folders unchecked, and nothing partial stays behind.
 */
final class ArtifactFetch {
    static final String FILES = "files";
    static final String TREES = "trees";
    static final String PARTIAL = "partial";

    private final Path root;
    private final long maxBytes;
    private final ArtifactSource source;
    private final TreeUnpacker unpacker;

    ArtifactFetch(Path root, long maxBytes, ArtifactSource source) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.source = source;
        this.unpacker = new TreeUnpacker(maxBytes);
    }

    /** Fetches, checks and (for a TREE) unpacks {@code ref}. */
    CachedArtifact fetch(ArtifactRef ref) throws ArtifactUnavailableException {
        String what = "artifact " + ref.name() + " (" + ref.sha256() + ")";
        if (ref.size() > maxBytes) {
            throw new ArtifactUnavailableException(what + " is " + Quantity.bytes(ref.size()) + ", more than this"
                    + " worker's artifact cache holds (" + Quantity.bytes(maxBytes) + "); start it with a larger"
                    + " --artifact-cache");
        }
        StoredArtifact stored = source.find(ref.sha256()).orElseThrow(() -> new ArtifactUnavailableException(what
                + ": the grid does not hold it; upload it before submitting (dtf run and dtf submit do)"));
        if (stored.size() != ref.size()) {
            throw new ArtifactUnavailableException(what + ": the task says " + ref.size() + " bytes, the grid holds "
                    + stored.size());
        }
        Path partial = root.resolve(PARTIAL).resolve(ref.sha256() + "-" + UUID.randomUUID());
        try {
            MessageDigest sha = Artifacts.sha256();
            try (OutputStream out = Files.newOutputStream(partial)) {
                for (int i = 0; i < stored.chunks(); i++) {
                    byte[] chunk = source.chunk(stored, i);
                    if (chunk == null) {
                        throw new ArtifactUnavailableException(what + ": the grid lost chunk " + i + " of "
                                + stored.chunks() + "; upload it again");
                    }
                    sha.update(chunk);
                    out.write(chunk);
                }
            }
            String actual = Artifacts.hex(sha.digest());
            if (!actual.equals(ref.sha256())) {
                throw new ArtifactUnavailableException(what + ": the bytes fetched have SHA-256 " + actual
                        + ", not the digest they are named by; refused");
            }
            return ref.kind() == ArtifactRef.Kind.TREE ? unpack(ref, partial, what) : place(ref, partial);
        } catch (IOException e) {
            throw new ArtifactUnavailableException(what + ": cannot write it under " + root + ": " + e.getMessage(), e);
        } finally {
            Folders.deleteQuietly(partial);
        }
    }

    private CachedArtifact place(ArtifactRef ref, Path partial) throws IOException {
        Path dir = root.resolve(FILES).resolve(ref.sha256());
        Folders.delete(dir);
        Files.createDirectories(dir);
        Path file = dir.resolve(ref.name());
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return new CachedArtifact(ref, file, dir, ref.size());
    }

    private CachedArtifact unpack(ArtifactRef ref, Path zip, String what) throws IOException,
            ArtifactUnavailableException {
        Path dir = root.resolve(TREES).resolve(ref.sha256());
        Path unpacking = root.resolve(PARTIAL).resolve(ref.sha256() + "-tree-" + UUID.randomUUID());
        try {
            long bytes = unpacker.unpack(zip, unpacking);
            Folders.delete(dir);
            Files.move(unpacking, dir, StandardCopyOption.ATOMIC_MOVE);
            return new CachedArtifact(ref, dir, dir, bytes);
        } catch (IllegalArgumentException e) {
            throw new ArtifactUnavailableException(what + ": " + e.getMessage());
        } catch (ZipException e) {
            throw new ArtifactUnavailableException(what + ": not a readable zip (" + e.getMessage() + ")");
        } finally {
            Folders.delete(unpacking);
        }
    }
}
