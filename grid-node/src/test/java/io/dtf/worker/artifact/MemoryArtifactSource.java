package io.dtf.worker.artifact;

import io.dtf.artifact.ArtifactChunks;
import io.dtf.artifact.Artifacts;
import io.dtf.artifact.StoredArtifact;
import io.dtf.model.ArtifactRef;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An artifact store in memory, for the cache's unit tests; counts fetches and can hold them up. */
final class MemoryArtifactSource implements ArtifactSource {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final AtomicInteger finds = new AtomicInteger();
    volatile CountDownLatch gate;

    /** Stores {@code bytes} under their own digest; answers a FILE ref named {@code name}. */
    ArtifactRef put(String name, byte[] bytes) {
        String sha = Artifacts.hex(Artifacts.sha256().digest(bytes));
        blobs.put(sha, bytes);
        return new ArtifactRef(sha, name, bytes.length, ArtifactRef.Kind.FILE);
    }

    /** Stores {@code bytes} under a digest that is not theirs. */
    void putUnder(String sha, byte[] bytes) {
        blobs.put(sha, bytes);
    }

    @Override
    public Optional<StoredArtifact> find(String sha256) {
        finds.incrementAndGet();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = blobs.get(sha256);
        return bytes == null ? Optional.empty() : Optional.of(new StoredArtifact(sha256, bytes.length,
                ArtifactChunks.count(bytes.length), sha256 + ".mem", 0));
    }

    @Override
    public byte[] chunk(StoredArtifact artifact, int index) {
        byte[] bytes = blobs.get(artifact.sha256());
        int from = index * ArtifactChunks.BYTES;
        return Arrays.copyOfRange(bytes, from, from + ArtifactChunks.length(bytes.length, index));
    }
}
