package io.dtf.worker.artifact;

import io.dtf.artifact.Artifacts;
import io.dtf.artifact.StoredArtifact;
import io.dtf.model.ArtifactRef;
import io.dtf.requirements.Quantity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's on-disk cache of artifacts, fetched from the grid by digest, bounded in bytes.
 *
 * <pre>{@code
 * ArtifactCache cache = new ArtifactCache(dataDir.resolve("artifacts"), 2L << 30, new GridArtifacts(ignite));
 * try (ArtifactCache.Hold hold = cache.hold()) {      // what this thread asks for stays until closed
 *     Path jar = cache.path(ref);                     // fetched once, checked against its SHA-256
 *     ...run the attempt...
 * }
 * }</pre>
 *
 * <p>A FILE lives at {@code files/<sha256>/<name>}, a TREE unpacked at {@code trees/<sha256>/}. Every
 * fetch is checked against the digest before anyone sees it; a file is checked again whenever its size or
 * time changed since (corrupted or written to: fetched again), a tree when its files' sizes or times did.
 * Concurrent requests for one digest fetch it once. When the cache holds more than its bound, the least
 * recently used artifacts go first, never one that an open {@link Hold} holds: the bound is then exceeded
 * until they are released rather than an attempt's class path deleted under it.
 */
public final class ArtifactCache implements ArtifactFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ArtifactCache.class);
    private static final String FILES = "files";
    private static final String TREES = "trees";
    private static final String PARTIAL = "partial";

    private final Path root;
    private final long maxBytes;
    private final ArtifactSource source;
    private final TreeUnpacker unpacker;
    /** Guarded by {@code this}. */
    private final Map<String, Cached> entries = new HashMap<>();
    private final Map<String, CompletableFuture<Cached>> fetching = new ConcurrentHashMap<>();
    private final ThreadLocal<Hold> currentHold = new ThreadLocal<>();
    private long clock;

    /** One artifact on disk. Mutable fields guarded by the cache. */
    private static final class Cached {
        final ArtifactRef ref;
        final Path path;
        /** The folder that holds it and nothing else: what eviction deletes. */
        final Path home;
        final long bytes;
        /** Per file of the artifact: size and modification time as checked, to notice a change cheaply. */
        final Map<Path, List<Long>> stamps;
        long lastUsed;
        int holds;

        Cached(ArtifactRef ref, Path path, Path home, long bytes, Map<Path, List<Long>> stamps) {
            this.ref = ref;
            this.path = path;
            this.home = home;
            this.bytes = bytes;
            this.stamps = stamps;
        }
    }

    /**
     * @param root     the cache's folder (emptied of what an earlier process left: nothing there is trusted)
     * @param maxBytes what the cached artifacts may take on disk
     */
    public ArtifactCache(Path root, long maxBytes, ArtifactSource source) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("artifact cache bound must be positive, got " + maxBytes);
        }
        this.root = root.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.source = source;
        this.unpacker = new TreeUnpacker(maxBytes);
        try {
            deleteTree(this.root);
            Files.createDirectories(this.root.resolve(FILES));
            Files.createDirectories(this.root.resolve(TREES));
            Files.createDirectories(this.root.resolve(PARTIAL));
        } catch (IOException e) {
            throw new UncheckedIOException("artifact cache: cannot create " + this.root, e);
        }
    }

    /**
     * What this thread asks for from now until the hold is closed stays on disk: open one around each
     * attempt (the worker's job does), so that eviction never removes a running attempt's files.
     */
    public Hold hold() {
        Hold hold = new Hold(currentHold.get());
        currentHold.set(hold);
        return hold;
    }

    /** Holds taken by one thread; closing releases them and restores the hold that was open before. */
    public final class Hold implements AutoCloseable {
        private final Hold outer;
        private final Set<String> held = new HashSet<>();

        private Hold(Hold outer) {
            this.outer = outer;
        }

        @Override
        public void close() {
            synchronized (ArtifactCache.this) {
                for (String sha : held) {
                    Cached c = entries.get(sha);
                    if (c != null) {
                        c.holds--;
                    }
                }
                held.clear();
            }
            if (currentHold.get() == this) {
                if (outer == null) {
                    currentHold.remove();
                } else {
                    currentHold.set(outer);
                }
            }
        }
    }

    @Override
    public Path path(ArtifactRef ref) throws ArtifactUnavailableException {
        for (int round = 0; ; round++) {
            Cached cached;
            synchronized (this) {
                cached = entries.get(ref.sha256());
                if (cached != null) {
                    use(cached);
                }
            }
            if (cached != null) {
                if (intact(cached)) {
                    return cached.path;
                }
                LOG.warn("artifact {} ({}): the cached copy changed on disk; fetching it again", ref.sha256(), ref.name());
                drop(cached);
                if (round > 0) {
                    throw new ArtifactUnavailableException("artifact " + ref.name() + " (" + ref.sha256()
                            + "): its cached copy keeps changing on disk");
                }
                continue;
            }
            CompletableFuture<Cached> mine = new CompletableFuture<>();
            CompletableFuture<Cached> running = fetching.putIfAbsent(ref.sha256(), mine);
            if (running == null) {
                try {
                    Cached fetched = fetch(ref);
                    synchronized (this) {
                        entries.put(ref.sha256(), fetched);
                        use(fetched); // held and newest before eviction looks
                    }
                    mine.complete(fetched);
                } catch (ArtifactUnavailableException | RuntimeException e) {
                    mine.completeExceptionally(e);
                    throw e;
                } finally {
                    fetching.remove(ref.sha256());
                }
                evict();
            } else {
                await(ref, running);
            }
        }
    }

    /** What the cached artifacts take on disk now. */
    public synchronized long bytes() {
        return entries.values().stream().mapToLong(c -> c.bytes).sum();
    }

    /** The digests held now, for tests and diagnostics. */
    public synchronized Set<String> digests() {
        return Set.copyOf(entries.keySet());
    }

    public long maxBytes() {
        return maxBytes;
    }

    private void use(Cached cached) {
        cached.lastUsed = ++clock;
        Hold hold = currentHold.get();
        if (hold != null && hold.held.add(cached.ref.sha256())) {
            cached.holds++;
        }
    }

    private static void await(ArtifactRef ref, CompletableFuture<Cached> running) throws ArtifactUnavailableException {
        try {
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactUnavailableException("artifact " + ref.name() + ": interrupted while it was fetched");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ArtifactUnavailableException u) {
                throw new ArtifactUnavailableException(u.getMessage(), u);
            }
            throw new ArtifactUnavailableException("artifact " + ref.name() + " (" + ref.sha256() + "): fetching it"
                    + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Fetches, checks and (for a TREE) unpacks one artifact; the caller puts it in the index. */
    private Cached fetch(ArtifactRef ref) throws ArtifactUnavailableException {
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
            Cached cached = ref.kind() == ArtifactRef.Kind.TREE ? unpack(ref, partial, what) : place(ref, partial);
            LOG.info("artifact {} ({}) fetched: {} bytes on disk", ref.sha256(), ref.name(), cached.bytes);
            return cached;
        } catch (IOException e) {
            throw new ArtifactUnavailableException(what + ": cannot write it under " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private Cached place(ArtifactRef ref, Path partial) throws IOException {
        Path dir = root.resolve(FILES).resolve(ref.sha256());
        deleteTree(dir);
        Files.createDirectories(dir);
        Path file = dir.resolve(ref.name());
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return new Cached(ref, file, dir, ref.size(), stamps(file));
    }

    private Cached unpack(ArtifactRef ref, Path zip, String what) throws IOException, ArtifactUnavailableException {
        Path dir = root.resolve(TREES).resolve(ref.sha256());
        Path unpacking = root.resolve(PARTIAL).resolve(ref.sha256() + "-tree-" + UUID.randomUUID());
        try {
            long bytes = unpacker.unpack(zip, unpacking);
            deleteTree(dir);
            Files.move(unpacking, dir, StandardCopyOption.ATOMIC_MOVE);
            return new Cached(ref, dir, dir, bytes, stamps(dir));
        } catch (IllegalArgumentException e) {
            throw new ArtifactUnavailableException(what + ": " + e.getMessage());
        } catch (java.util.zip.ZipException e) {
            throw new ArtifactUnavailableException(what + ": not a readable zip (" + e.getMessage() + ")");
        } finally {
            deleteTree(unpacking);
        }
    }

    /** Whether the artifact's files are as they were when checked (size and time of each, same files). */
    private boolean intact(Cached cached) {
        try {
            return stamps(cached.path).equals(cached.stamps)
                    && (cached.ref.kind() == ArtifactRef.Kind.TREE || Files.size(cached.path) == cached.ref.size());
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

    private void drop(Cached cached) {
        synchronized (this) {
            if (entries.get(cached.ref.sha256()) != cached) {
                return;
            }
            entries.remove(cached.ref.sha256());
        }
        deleteTree(cached.home);
    }

    /** Removes least recently used artifacts nobody holds until the cache fits its bound. */
    private void evict() {
        List<Cached> victims = new ArrayList<>();
        synchronized (this) {
            long total = entries.values().stream().mapToLong(c -> c.bytes).sum();
            List<Cached> byAge = new ArrayList<>(entries.values());
            byAge.sort(Comparator.comparingLong(c -> c.lastUsed));
            for (Cached c : byAge) {
                if (total <= maxBytes) {
                    break;
                }
                if (c.holds == 0 && !fetching.containsKey(c.ref.sha256())) {
                    entries.remove(c.ref.sha256());
                    victims.add(c);
                    total -= c.bytes;
                }
            }
            if (total > maxBytes) {
                LOG.warn("artifact cache holds {} bytes, over its bound of {}: the rest is held by running attempts",
                        total, maxBytes);
            }
        }
        for (Cached c : victims) {
            LOG.info("artifact {} ({}) evicted from the cache", c.ref.sha256(), c.ref.name());
            deleteTree(c.home);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", p, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(ArtifactCache::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
