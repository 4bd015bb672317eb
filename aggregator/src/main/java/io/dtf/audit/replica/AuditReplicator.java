package io.dtf.audit.replica;

import io.dtf.audit.duckdb.DuckDbAuditStore;
import io.dtf.model.AuditEvent;
import io.dtf.results.ResultOrigin;
import io.dtf.results.ignite.BatchGathering;
import io.dtf.results.ignite.GridIdentity;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
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
 * Copies the grid's audit cache (seq -> {@code AuditEvent} JSON, {@link CacheNames#AUDIT}) into the
 * aggregator's DuckDB file, and empties the cache of what it has stored once a retention has passed.
 *
 * <h2>How</h2>
 * As for results ({@code ResultReplicator}): {@link #start()} registers a continuous query first, then
 * reads the whole cache, so nothing put meanwhile is missed; an entry may arrive twice and the store
 * keeps it once (its identity is the grid's origin and its seq). The whole cache, not "above the
 * highest stored seq": it is small (entries leave it once stored), and audit seqs come from every node's
 * reserved block, so they arrive far out of order. One writer thread stores what arrives in batches; an
 * entry the listener could not queue (queue full) is read back from the cache by key.
 *
 * <h2>Retention</h2>
 * An entry leaves the cache {@code retention} after this replicator stored it (or found it stored: after
 * a restart, catch-up meets entries stored before). An entry that is not stored (the file refused it,
 * its value is unreadable) stays in the cache: the cache is the system of record until the replica
 * holds it. With several aggregators, each removes what it stored; set the retention above the time an
 * aggregator may be down, or that one's file misses what the others removed meanwhile.
 *
 * <pre>{@code
 * try (AuditReplicator audit = new AuditReplicator(ignite, new DuckDbAuditStore(store), Duration.ofMinutes(1))) {
 *     audit.start();
 *     ...
 * }
 * }</pre>
 */
public final class AuditReplicator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditReplicator.class);
    private static final int QUEUE_CAPACITY = 20_000;
    private static final int MAX_BATCH = 2_000;
    private static final int SCAN_PAGE = 1_000;
    private static final int REMOVE_CHUNK = 1_000;
    private static final long LINGER_MS = 50;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final Ignite ignite;
    private final DuckDbAuditStore store;
    /** Null: entries stay in the cache. */
    private final Duration retention;
    private final BlockingQueue<Map.Entry<Long, String>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** Keys to read back from the cache: overflowed, or not stored yet. */
    private final ConcurrentSkipListSet<Long> refetch = new ConcurrentSkipListSet<>();
    private final Set<Long> unreadable = ConcurrentHashMap.newKeySet();
    /** Entries of the cache this replicator knows the store holds -> when it learnt it ({@link System#nanoTime}). */
    private final Map<Long, Long> storedAt = new ConcurrentHashMap<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong removed = new AtomicLong();
    private volatile ResultOrigin origin;
    private volatile IgniteCache<Long, String> cache;
    private volatile boolean stopping;
    private volatile long retryDueNanos = System.nanoTime();
    private Duration retryPause = FIRST_RETRY;
    private long sweptAtNanos = System.nanoTime();
    private Thread writer;
    private QueryCursor<?> subscription;

    /**
     * @param retention how long an entry stays in the cache after it is stored; null to leave it there
     */
    public AuditReplicator(Ignite ignite, DuckDbAuditStore store, Duration retention) {
        if (retention != null && retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, got " + retention);
        }
        this.ignite = ignite;
        this.store = store;
        this.retention = retention;
    }

    /**
     * Subscribes to the audit cache and reads what it holds. Returns once all of it is queued for the
     * store (the writer may still be storing it).
     *
     * @throws IllegalStateException if the cache does not exist (the nodes create it at start-up)
     */
    public synchronized void start() {
        if (writer != null || stopping) {
            throw new IllegalStateException("an audit replicator starts once");
        }
        cache = ignite.cache(CacheNames.AUDIT);
        if (cache == null) {
            throw new IllegalStateException("cache " + CacheNames.AUDIT + " does not exist: nodes create it at start-up");
        }
        origin = GridIdentity.of(ignite);
        writer = new Thread(this::writeLoop, "dtf-audit-replica");
        writer.setDaemon(true);
        writer.start();
        ContinuousQuery<Long, String> query = new ContinuousQuery<>();
        query.setLocalListener(events -> {
            for (CacheEntryEvent<? extends Long, ? extends String> event : events) {
                // A removal (the retention's, of an entry already stored) carries the old value: not news.
                if (event.getValue() != null && event.getEventType() != EventType.REMOVED
                        && event.getEventType() != EventType.EXPIRED && !queue.offer(Map.entry(event.getKey(),
                        event.getValue()))) {
                    refetch.add(event.getKey());
                }
            }
        });
        try {
            subscription = cache.query(query);
            long read = 0;
            try (QueryCursor<Cache.Entry<Long, String>> cursor =
                         cache.query(new ScanQuery<Long, String>().setPageSize(SCAN_PAGE))) {
                for (Cache.Entry<Long, String> entry : cursor) {
                    queue.put(Map.entry(entry.getKey(), entry.getValue()));
                    read++;
                }
            }
            LOG.info("replicating the audit log of {} into {}: {} entries in the cache at start; they leave it {}",
                    origin, store, read, retention == null ? "never" : retention.toSeconds() + " s after they are stored");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while reading the audit cache", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Entries this replicator stored that the file did not hold yet. */
    public long stored() {
        return stored.get();
    }

    /** Entries this replicator removed from the cache, stored and past the retention. */
    public long removed() {
        return removed.get();
    }

    /** Stops listening; the writer stores what is queued, then ends. The store stays open (the caller's). */
    @Override
    public synchronized void close() {
        stopping = true;
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the audit subscription failed (node stopping?): {}", e.toString());
            }
        }
        if (writer != null) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeLoop() {
        List<Map.Entry<Long, String>> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                BatchGathering.take(queue, batch, MAX_BATCH, LINGER_MS, stopping ? Duration.ZERO : BatchGathering.WINDOW);
                if (!stopping) {
                    readBack(batch);
                }
                if (!batch.isEmpty()) {
                    write(batch);
                    batch.clear();
                } else if (stopping) {
                    return;
                }
                if (!stopping) {
                    sweep();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("audit replication stopped: the audit log is no longer copied into {}", store, e);
        }
    }

    private void readBack(List<Map.Entry<Long, String>> batch) {
        if (refetch.isEmpty() || System.nanoTime() < retryDueNanos) {
            return;
        }
        Set<Long> keys = new HashSet<>();
        for (Long seq; keys.size() < MAX_BATCH - batch.size() && (seq = refetch.pollFirst()) != null; ) {
            keys.add(seq);
        }
        try {
            cache.getAll(keys).forEach((seq, json) -> batch.add(Map.entry(seq, json)));
        } catch (RuntimeException e) {
            refetch.addAll(keys);
            pauseRetries("cannot read " + keys.size() + " audit entries back from the cache: " + e);
        }
    }

    private void write(List<Map.Entry<Long, String>> batch) {
        TreeMap<Long, AuditEvent> events = new TreeMap<>();
        for (Map.Entry<Long, String> entry : batch) {
            try {
                events.put(entry.getKey(), Json.read(entry.getValue(), AuditEvent.class));
            } catch (RuntimeException e) {
                if (unreadable.add(entry.getKey())) {
                    LOG.error("audit entry {} in the cache is not a readable event and stays out of the store: {}",
                            entry.getKey(), e.getMessage());
                }
            }
        }
        try {
            stored.addAndGet(store.ingest(origin, events));
            if (retention != null) {
                long now = System.nanoTime();
                events.keySet().forEach(seq -> storedAt.putIfAbsent(seq, now));
            }
            retryPause = FIRST_RETRY;
        } catch (RuntimeException e) {
            refetch.addAll(events.keySet());
            pauseRetries("cannot store " + events.size() + " audit entries (first seq " + events.firstKey() + "): " + e);
        }
    }

    /** Removes from the cache what was stored at least {@code retention} ago; once per tenth of it (0.2 s to 5 s). */
    private void sweep() {
        long now = System.nanoTime();
        if (retention == null || now - sweptAtNanos < Math.max(200_000_000L, Math.min(5_000_000_000L,
                retention.toNanos() / 10))) {
            return;
        }
        sweptAtNanos = now;
        List<Long> due = new ArrayList<>();
        storedAt.forEach((seq, at) -> {
            if (now - at >= retention.toNanos()) {
                due.add(seq);
            }
        });
        try {
            for (int from = 0; from < due.size(); from += REMOVE_CHUNK) {
                List<Long> chunk = due.subList(from, Math.min(due.size(), from + REMOVE_CHUNK));
                cache.removeAll(new TreeSet<>(chunk));
                chunk.forEach(storedAt::remove);
                removed.addAndGet(chunk.size());
            }
        } catch (RuntimeException e) {
            // The data nodes may be restarting: nothing is lost by trying again at the next sweep.
            LOG.warn("removing stored audit entries from the cache failed; trying again: {}", e.toString());
        }
    }

    private void pauseRetries(String why) {
        Duration pause = retryPause;
        retryDueNanos = System.nanoTime() + pause.toNanos();
        retryPause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
        LOG.error("{}; trying again in {} s", why, pause.toSeconds());
    }
}
