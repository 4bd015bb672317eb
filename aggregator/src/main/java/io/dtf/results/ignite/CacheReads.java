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

    /** Receives one cache entry; may block (the caller is never an Ignite thread). */
    interface Sink {
        void accept(long seq, String json) throws InterruptedException;
    }

    private final IgniteCache<Long, String> cache;

    CacheReads(IgniteCache<Long, String> cache) {
        this.cache = cache;
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
     * Streams every entry with a key above {@code floor}. The filter runs on the data nodes; if they
     * cannot load it, the scan is repeated unfiltered, filtering here (every entry crosses the network).
     *
     * @return how many entries were passed to the sink
     */
    long scanAbove(long floor, Sink sink) throws InterruptedException {
        try {
            return scan(new ScanQuery<>(new SeqAbove(floor)), floor, sink);
        } catch (RuntimeException e) {
            if (!missingClass(e)) {
                throw e;
            }
            LOG.warn("data nodes cannot load the scan filter ({}); scanning every result from here instead",
                    e.toString());
            return scan(new ScanQuery<>(), floor, sink);
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
