package io.dtf.wire;

import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every entry of a partitioned cache one partition at a time, so that a read made while
 * partitions move (a data node joins or leaves) misses nothing.
 *
 * <p>Why per partition: a scan of the whole cache has each data node read the partitions it counts
 * as primary at its own topology version, without reserving them or checking that its copy is
 * complete. While partitions move, the nodes can disagree about who is primary, so a partition is read
 * by nobody, and a copy being evicted can be read as it is cleared. A scan of one partition runs only
 * on a node whose copy is complete ({@code OWNING}), reserves it for the scan so it cannot be evicted
 * meanwhile, and moves on to another owner when that node's copy is not usable. A partition whose scan
 * fails is scanned again, so a sink may see an entry twice: it must take duplicates.
 *
 * <pre>{@code
 * PartitionScan<String, Object> scan = PartitionScan.of(ignite, ignite.cache("dtf-runs").withKeepBinary());
 * scan.scan(null, (key, row) -> rows.put(key, row), PartitionScan.ATTEMPTS);
 * }</pre>
 */
public final class PartitionScan<K, V> {
    /** Scans of one partition before {@link #scan} gives up. */
    public static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionScan.class);
    private static final int PAGE = 1_000;
    private static final long RETRY_PAUSE_MS = 200;

    /** Receives one cache entry; may block (the caller is never an Ignite thread). */
    public interface Sink<K, V> {
        void accept(K key, V value) throws InterruptedException;
    }

    private final IgniteCache<K, V> cache;
    private final int partitions;
    /** False once a data node could not load a filter: scans are unfiltered from then on, filtered here. */
    private volatile boolean filterLoads = true;

    public PartitionScan(IgniteCache<K, V> cache, int partitions) {
        this.cache = cache;
        this.partitions = partitions;
    }

    /** A scan of {@code cache}, with as many partitions as its affinity function has on {@code ignite}. */
    public static <K, V> PartitionScan<K, V> of(Ignite ignite, IgniteCache<K, V> cache) {
        return new PartitionScan<>(cache, ignite.affinity(cache.getName()).partitions());
    }

    /**
     * Passes every entry to {@code sink}, one partition after the other.
     *
     * @param filter run on the data nodes, so that only matching entries cross the network; null for
     *     every entry. If the data nodes cannot load its class, the scans go on unfiltered and it is
     *     applied here instead.
     * @param attempts scans of one partition before giving up ({@link #ATTEMPTS}, or 1 for a last look
     *     as the grid may be going away)
     * @return how many entries were passed to the sink
     * @throws RuntimeException when a partition still cannot be read after {@code attempts} scans
     */
    public long scan(IgniteBiPredicate<K, V> filter, Sink<K, V> sink, int attempts) throws InterruptedException {
        long count = 0;
        for (int partition = 0; partition < partitions; partition++) {
            count += scanPartition(partition, filter, sink, attempts);
        }
        return count;
    }

    private long scanPartition(int partition, IgniteBiPredicate<K, V> filter, Sink<K, V> sink, int attempts)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            boolean remote = filter != null && filterLoads;
            ScanQuery<K, V> query = remote ? new ScanQuery<>(filter) : new ScanQuery<>();
            try {
                return scan(query.setPartition(partition).setPageSize(PAGE), remote ? null : filter, sink);
            } catch (RuntimeException e) {
                if (remote && missingClass(e, filter)) {
                    LOG.warn("data nodes cannot load the scan filter ({}); scanning every entry of {} from here on",
                            e.toString(), cache.getName());
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

    private long scan(ScanQuery<K, V> query, IgniteBiPredicate<K, V> localFilter, Sink<K, V> sink)
            throws InterruptedException {
        long count = 0;
        try (QueryCursor<Cache.Entry<K, V>> cursor = cache.query(query)) {
            for (Cache.Entry<K, V> entry : cursor) {
                if (localFilter == null || localFilter.apply(entry.getKey(), entry.getValue())) {
                    sink.accept(entry.getKey(), entry.getValue());
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean missingClass(Throwable e, Object filter) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError
                    || String.valueOf(cause.getMessage()).contains(filter.getClass().getName())) {
                return true;
            }
        }
        return false;
    }
}
