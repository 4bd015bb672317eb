package io.dtf.results.ignite;

import io.dtf.wire.PartitionScan;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.ignite.IgniteCache;

/** The direct reads of the results cache that catch-up and repair need: by key, and scans above a seq. */
final class CacheReads {
    /** Keys per {@code getAll}: one round trip per data node each, small enough for any message. */
    static final int CHUNK = 10_000;
    /** Scans of one partition before a catch-up gives up (and is itself retried by its caller). */
    static final int PARTITION_ATTEMPTS = PartitionScan.ATTEMPTS;

    /** Receives one cache entry; may block (the caller is never an Ignite thread). */
    interface Sink {
        void accept(long seq, String json) throws InterruptedException;
    }

    private final IgniteCache<Long, String> cache;
    private final PartitionScan<Long, String> scan;

    CacheReads(IgniteCache<Long, String> cache, int partitions) {
        this.cache = cache;
        this.scan = new PartitionScan<>(cache, partitions);
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
     * Streams every entry with a key above {@code floor}, one partition at a time (see
     * {@link PartitionScan} for why). The filter runs on the data nodes; if they cannot load it, the
     * scans go on unfiltered, filtering here (every entry crosses the network).
     *
     * @param attempts scans of one partition before giving up ({@link #PARTITION_ATTEMPTS}, or 1 for a
     *     last look as the grid may be going away)
     * @return how many entries were passed to the sink
     * @throws RuntimeException when a partition still cannot be read after {@code attempts} scans
     */
    long scanAbove(long floor, Sink sink, int attempts) throws InterruptedException {
        return scan.scan(new SeqAbove(floor), sink::accept, attempts);
    }
}
