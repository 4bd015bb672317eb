package io.dtf.coordinator.ignite;

import io.dtf.wire.CacheNames;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers that have finished their start-up ({@code WorkerReadiness}), as the coordinator sees
 * them: the ready-workers cache read once, then kept current by a continuous query, so no
 * scheduling round reads the cache. {@link #version()} changes with every change, and
 * {@code onChange} is told at once, so a worker gets work as soon as it is ready.
 *
 * <p>An entry stays after its node has left (a killed node removes nothing): {@link #forgetLeft}
 * removes those. Node ids are never reused, so a stale entry is only clutter, never a false "ready".
 */
final class ReadyWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadyWorkers.class);
    /**
     * How long an entry of a node this coordinator does not see is kept: a node announces only after
     * joining, so a newer entry may belong to a node whose join this coordinator has yet to learn of.
     */
    private static final Duration KEEP_UNSEEN = Duration.ofMinutes(1);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Ignite ignite;
    private final Runnable onChange;
    /** Node id -> when this coordinator learnt that it is ready (this node's clock, epoch ms). */
    private final Map<String, Long> ready = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private QueryCursor<Cache.Entry<String, Long>> cursor;
    private long retryAt;

    ReadyWorkers(Ignite ignite, Runnable onChange) {
        this.ignite = ignite;
        this.onChange = onChange;
    }

    /**
     * Changes whenever {@link #ids()} may have changed: cheap, for every scheduling round. The first
     * call starts following the cache.
     */
    synchronized long version() {
        listen();
        return version.get();
    }

    /** The ids of the workers that said they are ready; empty until the cache could be read. */
    Set<String> ids() {
        return Set.copyOf(ready.keySet());
    }

    /** Removes the entries of nodes no longer in the grid, {@code live} being the ids of those that are. */
    synchronized void forgetLeft(Set<String> live) {
        long before = System.currentTimeMillis() - KEEP_UNSEEN.toMillis();
        Set<String> gone = new HashSet<>();
        ready.forEach((id, seen) -> {
            if (!live.contains(id) && seen < before) {
                gone.add(id);
            }
        });
        if (!gone.isEmpty() && cursor != null) {
            cache().removeAllAsync(gone); // the continuous query reports the removals
        }
    }

    @Override
    public synchronized void close() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (RuntimeException e) {
                LOG.debug("the ready-workers query was not closed (this node stops, which ends it anyway): {}",
                        e.toString());
            }
            cursor = null;
        }
    }

    /** Registers the continuous query, then reads what is there; tried again a second later if that fails. */
    private void listen() {
        long now = System.currentTimeMillis();
        if (cursor != null || now < retryAt) {
            return;
        }
        ContinuousQuery<String, Long> query = new ContinuousQuery<>();
        query.setLocalListener(this::changed);
        query.setInitialQuery(new ScanQuery<>());
        try {
            QueryCursor<Cache.Entry<String, Long>> opened = cache().query(query);
            for (Cache.Entry<String, Long> e : opened) { // the initial query: an entry may also come as an event
                ready.putIfAbsent(e.getKey(), now);
            }
            cursor = opened;
            version.incrementAndGet();
        } catch (RuntimeException e) {
            retryAt = now + RETRY_AFTER.toMillis();
            LOG.warn("cannot read which workers are ready, so none gets work yet; trying again in {} s: {}",
                    RETRY_AFTER.toSeconds(), e.toString());
        }
    }

    private void changed(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
        long now = System.currentTimeMillis();
        for (CacheEntryEvent<? extends String, ? extends Long> e : events) {
            if (e.getEventType() == EventType.REMOVED || e.getEventType() == EventType.EXPIRED) {
                ready.remove(e.getKey());
            } else {
                ready.putIfAbsent(e.getKey(), now);
            }
        }
        version.incrementAndGet();
        onChange.run(); // on Ignite's thread: it only wakes the coordinator's loop
    }

    private IgniteCache<String, Long> cache() {
        IgniteCache<String, Long> cache = ignite.cache(CacheNames.READY_WORKERS);
        if (cache == null) {
            throw new IllegalStateException("cache " + CacheNames.READY_WORKERS + " does not exist yet");
        }
        return cache;
    }
}
