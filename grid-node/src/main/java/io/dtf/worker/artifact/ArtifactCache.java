package io.dtf.worker.artifact;

import io.dtf.model.ArtifactRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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

    private final Path root;
    private final long maxBytes;
    private final ArtifactFetch fetch;
    /** Guarded by {@code this}. */
    private final Map<String, CachedArtifact> entries = new HashMap<>();
    private final Map<String, CompletableFuture<CachedArtifact>> fetching = new ConcurrentHashMap<>();
    private final ThreadLocal<Hold> currentHold = new ThreadLocal<>();
    private long clock;

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
        this.fetch = new ArtifactFetch(this.root, maxBytes, source);
        try {
            Folders.delete(this.root);
            Files.createDirectories(this.root.resolve(ArtifactFetch.FILES));
            Files.createDirectories(this.root.resolve(ArtifactFetch.TREES));
            Files.createDirectories(this.root.resolve(ArtifactFetch.PARTIAL));
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
        /** The very entries held: one dropped and fetched again meanwhile is another entry. */
        private final Set<CachedArtifact> held = new HashSet<>();

        private Hold(Hold outer) {
            this.outer = outer;
        }

        @Override
        public void close() {
            synchronized (ArtifactCache.this) {
                held.forEach(c -> c.holds--);
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
            CachedArtifact cached;
            synchronized (this) {
                cached = entries.get(ref.sha256());
                if (cached != null) {
                    use(cached);
                }
            }
            if (cached != null) {
                if (cached.intact()) {
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
            CompletableFuture<CachedArtifact> mine = new CompletableFuture<>();
            CompletableFuture<CachedArtifact> running = fetching.putIfAbsent(ref.sha256(), mine);
            if (running == null) {
                try {
                    CachedArtifact fetched = fetch.fetch(ref);
                    synchronized (this) {
                        entries.put(ref.sha256(), fetched);
                        use(fetched); // held and newest before eviction looks
                    }
                    LOG.info("artifact {} ({}) fetched: {} bytes on disk", ref.sha256(), ref.name(), fetched.bytes);
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

    private void use(CachedArtifact cached) {
        cached.lastUsed = ++clock;
        Hold hold = currentHold.get();
        if (hold != null && hold.held.add(cached)) {
            cached.holds++;
        }
    }

    private static void await(ArtifactRef ref, CompletableFuture<CachedArtifact> running)
            throws ArtifactUnavailableException {
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

    private void drop(CachedArtifact cached) {
        synchronized (this) {
            if (entries.get(cached.ref.sha256()) != cached) {
                return;
            }
            entries.remove(cached.ref.sha256());
        }
        Folders.delete(cached.home);
    }

    /** Removes least recently used artifacts nobody holds until the cache fits its bound. */
    private void evict() {
        List<CachedArtifact> victims = new ArrayList<>();
        synchronized (this) {
            long total = entries.values().stream().mapToLong(c -> c.bytes).sum();
            List<CachedArtifact> byAge = new ArrayList<>(entries.values());
            byAge.sort(Comparator.comparingLong(c -> c.lastUsed));
            for (CachedArtifact c : byAge) {
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
        for (CachedArtifact c : victims) {
            LOG.info("artifact {} ({}) evicted from the cache", c.ref.sha256(), c.ref.name());
            Folders.delete(c.home);
        }
    }
}
