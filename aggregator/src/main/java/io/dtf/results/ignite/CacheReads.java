package io.dtf.results.ignite;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The direct reads of the results cache that catch-up and repair need: by key, and scans above a seq. */
final class CacheReads {
    private static final Logger LOG = LoggerFactory.getLogger(CacheReads.class);
    /** Keys per {@code getAll}: one round trip per data node each, small enough for any message. */
    static final int CHUNK = 10_000;
    private static final int SCAN_PAGE = 1_000;
    /** Scans of one partition before a catch-up gives up (and is itself retried by its caller). */
    static final int PARTITION_ATTEMPTS = 5;
    private static final long RETRY_PAUSE_MS = 200;

    /** Receives one cache entry; may block (the caller is never an Ignite thread). */
    interface Sink {
        void accept(long seq, String json) throws InterruptedException;
    }

    private final IgniteCache<Long, String> cache;
    private final int partitions;
    /** False once a data node could not load {@link SeqAbove}: scans are unfiltered from then on. */
    private volatile boolean filterLoads = true;

    CacheReads(IgniteCache<Long, String> cache, int partitions) {
        this.cache = cache;
        this.partitions = partitions;
    }

    /** The entries of those keys that are in the cache, in key order. */
    Map<Long, String> present(long[] keys) {
        Map<Long, String> present = new TreeMap<>();
        for (int from = 0; from < keys.length; from += CHUNK) {
            Set<Long> chunk = new HashSet<>();
            for (int i = from; i < Math.min(keys.length, from + CHUNK); i++) {
                chunk.add(keys[i]);
            }
            present.putAll(cache.getAll(chunk));
        }
        return present;
    }

    /**
     * Streams every entry with a key above {@code floor}, one partition at a time. The filter runs on
     * the data nodes; if they cannot load it, the scans go on unfiltered, filtering here (every entry
     * crosses the network).
     *
     * <p>Why per partition: a scan of the whole cache has each data node read the partitions it counts
     * as primary at its own topology version, without reserving them or checking that its copy is
     * complete. While partitions move (a data node joins or leaves), the nodes can disagree about who is
     * primary, so a partition is read by nobody, and a copy being evicted can be read as it is cleared.
     * A scan of one partition runs only on a node whose copy is complete ({@code OWNING}), reserves it
     * for the scan so it cannot be evicted meanwhile, and moves on to another owner when that node's copy
     * is not usable. A partition whose scan fails is scanned again (the sink takes duplicates).
     *
     * @param attempts scans of one partition before giving up ({@link #PARTITION_ATTEMPTS}, or 1 for a
     *     last look as the grid may be going away)
     * @return how many entries were passed to the sink
     * @throws RuntimeException when a partition still cannot be read after {@code attempts} scans
     */
    long scanAbove(long floor, Sink sink, int attempts) throws InterruptedException {
        long count = 0;
        for (int partition = 0; partition < partitions; partition++) {
            count += scanPartition(partition, floor, sink, attempts);
        }
        return count;
    }

    private long scanPartition(int partition, long floor, Sink sink, int attempts) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            ScanQuery<Long, String> query = filterLoads ? new ScanQuery<>(new SeqAbove(floor)) : new ScanQuery<>();
            try {
                return scan(query.setPartition(partition), floor, sink);
            } catch (RuntimeException e) {
                if (filterLoads && missingClass(e)) {
                    LOG.warn("data nodes cannot load the scan filter ({}); scanning every result from here instead",
                            e.toString());
                    filterLoads = false;
                    attempt--;
                    continue;
                }
                if (attempt >= attempts) {
                    throw e;
                }
                LOG.info("scan of partition {} of {} failed (attempt {} of {}), scanning it again: {}", partition,
                        cache.getName(), attempt, attempts, e.toString());
                Thread.sleep(RETRY_PAUSE_MS * attempt);
            }
        }
    }

    private long scan(ScanQuery<Long, String> query, long floor, Sink sink) throws InterruptedException {
        long count = 0;
        try (QueryCursor<Cache.Entry<Long, String>> cursor = cache.query(query.setPageSize(SCAN_PAGE))) {
            for (Cache.Entry<Long, String> entry : cursor) {
                if (entry.getKey() > floor) {
                    sink.accept(entry.getKey(), entry.getValue());
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean missingClass(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError
                    || String.valueOf(cause.getMessage()).contains(SeqAbove.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
