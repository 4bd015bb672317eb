package io.dtf.artifact.ignite;

import io.dtf.artifact.ArtifactChunks;
import io.dtf.artifact.ArtifactLimits;
import io.dtf.artifact.ArtifactUploadReply;
import io.dtf.artifact.Artifacts;
import io.dtf.artifact.MissingArtifacts;
import io.dtf.artifact.StoredArtifact;
import io.dtf.coordinator.GridCapacity;
import io.dtf.coordinator.ignite.RegionUsage;
import io.dtf.model.ArtifactRef;
import io.dtf.requirements.Quantity;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid's content-addressed artifact store, in DTF's caches on the data nodes: uploads arrive in
 * 1 MiB chunks through the coordinator service, and an artifact counts as held ({@link CacheNames#ARTIFACTS})
 * only once all its chunks are in and their SHA-256 matches the digest it was sent under. Nothing here
 * lives in the instance's memory but the total bound, so any coordinator instance may take any step.
 */
public final class CacheArtifactStore {
    private static final Logger LOG = LoggerFactory.getLogger(CacheArtifactStore.class);
    /** An upload with no chunk for this long was abandoned (the client died): its chunks and reservation go. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Ignite ignite;
    private final ArtifactLimits limits;
    private final Clock clock;
    private volatile Long totalBound;

    public CacheArtifactStore(Ignite ignite, ArtifactLimits limits, Clock clock) {
        this.ignite = ignite;
        this.limits = limits;
        this.clock = clock;
    }

    /** Which of {@code refs} the grid lacks, and errors for those it would refuse. */
    public MissingArtifacts missing(List<ArtifactRef> refs) {
        Set<String> keys = new HashSet<>();
        refs.forEach(r -> keys.add(r.sha256()));
        Set<String> held = artifacts().getAll(keys).keySet();
        List<String> missing = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long needed = 0;
        for (ArtifactRef ref : refs) {
            if (held.contains(ref.sha256()) || missing.contains(ref.sha256())) {
                continue;
            }
            missing.add(ref.sha256());
            tooLarge(ref).ifPresent(errors::add);
            needed += ref.size();
        }
        long room = totalBound() - reserved().get();
        if (errors.isEmpty() && needed > room) {
            errors.add(missing.size() + " artifacts to send take " + Quantity.bytes(needed) + ", but the grid has room"
                    + " for " + Quantity.bytes(Math.max(0, room)) + " more (bound " + Quantity.bytes(totalBound())
                    + "; raise it with -D" + ArtifactLimits.MAX_TOTAL + " on the coordinator nodes)");
        }
        return new MissingArtifacts(missing, errors);
    }

    /** Starts an upload of {@code ref}: its id, stored when the grid holds it already, or why not. */
    public ArtifactUploadReply begin(ArtifactRef ref) {
        sweepAbandoned();
        if (artifacts().containsKey(ref.sha256())) {
            return new ArtifactUploadReply(null, true, List.of());
        }
        Optional<String> tooLarge = tooLarge(ref);
        if (tooLarge.isPresent()) {
            return ArtifactUploadReply.refused(tooLarge.get());
        }
        long bound = totalBound();
        if (reserved().addAndGet(ref.size()) > bound) {
            reserved().addAndGet(-ref.size());
            return ArtifactUploadReply.refused("artifact " + ref.name() + " (" + Quantity.bytes(ref.size()) + ") does not"
                    + " fit: the grid's artifacts may take " + Quantity.bytes(bound) + " in all (raise it with -D"
                    + ArtifactLimits.MAX_TOTAL + " on the coordinator nodes)");
        }
        String id = UUID.randomUUID().toString();
        uploads().put(id, Json.write(new PendingUpload(ref, ref.sha256() + "." + id, 0, clock.millis())));
        return new ArtifactUploadReply(id, false, List.of());
    }

    /** Takes chunk {@code index} of upload {@code uploadId}; at the last one, checks the digest and keeps or drops all. */
    public ArtifactUploadReply put(String uploadId, int index, byte[] bytes) {
        String json = uploadId == null ? null : uploads().get(uploadId);
        if (json == null) {
            return ArtifactUploadReply.refused("upload " + uploadId + " is not under way (finished, refused, or"
                    + " abandoned for over " + ABANDONED_AFTER.toMinutes() + " minutes); upload the artifact again");
        }
        PendingUpload upload = Json.read(json, PendingUpload.class);
        ArtifactRef ref = upload.ref();
        int chunks = ArtifactChunks.count(ref.size());
        int expected = ArtifactChunks.length(ref.size(), upload.received());
        if (index != upload.received() || bytes == null || bytes.length != expected) {
            abort(uploadId, upload);
            return ArtifactUploadReply.refused("artifact " + ref.name() + ": expected chunk " + upload.received() + " of "
                    + chunks + " with " + expected + " bytes, got chunk " + index + " with "
                    + (bytes == null ? 0 : bytes.length) + "; nothing was stored");
        }
        chunkCache().put(StoredArtifact.chunkKey(upload.blob(), index), bytes);
        if (index < chunks - 1) {
            uploads().put(uploadId, Json.write(upload.next()));
            return new ArtifactUploadReply(uploadId, false, List.of());
        }
        String actual = digest(upload.blob(), chunks);
        if (!actual.equals(ref.sha256())) {
            abort(uploadId, upload);
            return ArtifactUploadReply.refused("artifact " + ref.name() + ": its bytes have SHA-256 " + actual
                    + ", not the " + ref.sha256() + " it was sent as; nothing was stored");
        }
        StoredArtifact stored = new StoredArtifact(ref.sha256(), ref.size(), chunks, upload.blob(), clock.millis());
        if (!artifacts().putIfAbsent(ref.sha256(), Json.write(stored))) {
            // Another upload of the same bytes finished first: its chunks and reservation stand for both.
            removeChunks(upload.blob(), chunks);
            reserved().addAndGet(-ref.size());
        }
        uploads().remove(uploadId);
        LOG.info("artifact {} ({}, {} bytes) stored", ref.sha256(), ref.name(), ref.size());
        return new ArtifactUploadReply(uploadId, true, List.of());
    }

    /** What the grid holds under {@code sha256}, if anything. */
    public static Optional<StoredArtifact> find(Ignite ignite, String sha256) {
        IgniteCache<String, String> cache = ignite.cache(CacheNames.ARTIFACTS);
        String json = cache.get(sha256);
        return json == null ? Optional.empty() : Optional.of(Json.read(json, StoredArtifact.class));
    }

    /** Chunk {@code index} of a held artifact, or null when the grid lost it. */
    public static byte[] chunk(Ignite ignite, StoredArtifact artifact, int index) {
        IgniteCache<String, byte[]> cache = ignite.cache(CacheNames.ARTIFACT_CHUNKS);
        return cache.get(artifact.chunkKey(index));
    }

    private Optional<String> tooLarge(ArtifactRef ref) {
        long max = Math.min(limits.maxArtifactBytes(), totalBound());
        return ref.size() <= max ? Optional.empty() : Optional.of("artifact " + ref.name() + " is "
                + Quantity.bytes(ref.size()) + ", larger than the " + Quantity.bytes(max) + " the grid takes (raise it"
                + " with -D" + (max == limits.maxArtifactBytes() ? ArtifactLimits.MAX_SIZE : ArtifactLimits.MAX_TOTAL)
                + " on the coordinator nodes)");
    }

    private String digest(String blob, int chunks) {
        MessageDigest sha = Artifacts.sha256();
        for (int i = 0; i < chunks; i++) {
            byte[] bytes = chunkCache().get(StoredArtifact.chunkKey(blob, i));
            if (bytes == null) {
                return "(unknown: chunk " + i + " is missing)";
            }
            sha.update(bytes);
        }
        return Artifacts.hex(sha.digest());
    }

    private void abort(String uploadId, PendingUpload upload) {
        removeChunks(upload.blob(), upload.received() + 1);
        if (uploads().remove(uploadId)) {
            reserved().addAndGet(-upload.ref().size());
        }
    }

    private void removeChunks(String blob, int count) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < count; i++) {
            keys.add(StoredArtifact.chunkKey(blob, i));
        }
        chunkCache().removeAll(keys);
    }

    /** Drops uploads nobody finished: their chunks and reservations would otherwise stay for good. */
    private void sweepAbandoned() {
        long before = clock.millis() - ABANDONED_AFTER.toMillis();
        List<Cache.Entry<String, String>> stale = new ArrayList<>();
        try (QueryCursor<Cache.Entry<String, String>> cursor = uploads().query(new ScanQuery<String, String>())) {
            for (Cache.Entry<String, String> e : cursor) {
                if (Json.read(e.getValue(), PendingUpload.class).startedAtMillis() < before) {
                    stale.add(e);
                }
            }
        }
        for (Cache.Entry<String, String> e : stale) {
            LOG.info("dropping the abandoned upload {}", e.getKey());
            abort(e.getKey(), Json.read(e.getValue(), PendingUpload.class));
        }
    }

    private long totalBound() {
        Long bound = totalBound;
        if (bound == null) {
            bound = limits.maxTotalBytes();
            if (bound == null) {
                Optional<GridCapacity> capacity = RegionUsage.of(ignite, 1);
                // Unknown (no answer in time): the per-artifact bound twice over, not nothing.
                bound = capacity.map(c -> (long) (c.regionBytes() / c.copies() * ArtifactLimits.DEFAULT_TOTAL_SHARE))
                        .orElse(2 * limits.maxArtifactBytes());
                if (capacity.isEmpty()) {
                    return bound; // ask again next time
                }
            }
            totalBound = bound;
        }
        return bound;
    }

    private IgniteAtomicLong reserved() {
        return ignite.atomicLong(CacheNames.ARTIFACT_BYTES, 0, true);
    }

    private IgniteCache<String, String> artifacts() {
        return ignite.cache(CacheNames.ARTIFACTS);
    }

    private IgniteCache<String, byte[]> chunkCache() {
        return ignite.cache(CacheNames.ARTIFACT_CHUNKS);
    }

    private IgniteCache<String, String> uploads() {
        return ignite.cache(CacheNames.ARTIFACT_UPLOADS);
    }
}
