package io.dtf.results.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.results.ResultOrigin;
import io.dtf.results.ResultStore;
import io.dtf.results.SeqRange;
import io.dtf.results.TestResults;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two data nodes hold a backlog of results; an aggregator node that holds the cache too joins and
 * catches up while partitions move to it. Its catch-up is slow on purpose (a queue of 16), so it
 * is still reading when rebalancing ends, the new node takes over as primary for some partitions
 * and the old copies of those partitions are evicted from the other nodes. DuckDB must still get
 * every result, once. On ports reserved for this class.
 */
class CatchUpWhilePartitionsMoveIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BACKLOG = 5_000;

    @AfterEach
    void stopNodes() {
        Ignition.stopAll(true);
    }

    @Test
    void aCatchUpThatOutlastsRebalancingStillReadsEveryResult() throws Exception {
        Ignite first = Ignition.start(node("move-it-data-1", 0));
        Ignition.start(node("move-it-data-2", 1));
        Map<Long, String> backlog = backlog(first);

        Ignite aggregator = Ignition.start(node("move-it-aggregator", 2));
        Path file = Path.of("target", "replicator-it", "moving.duckdb");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        try (ResultStore store = DuckDbResultStore.open(file);
             ResultReplicator replicator = new ResultReplicator(aggregator, CacheNames.RESULTS, store, 16)) {
            replicator.start();

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (replicator.ingestedCount() < backlog.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Set<Long> stored = storedSeqs(store, GridIdentity.of(aggregator));
            Set<Long> missing = new TreeSet<>(backlog.keySet());
            missing.removeAll(stored);
            assertEquals(Set.of(), missing.stream().limit(20).collect(Collectors.toCollection(TreeSet::new)),
                    missing.size() + " of " + backlog.size() + " results never reached DuckDB (first 20 shown)");
            assertEquals(backlog.keySet(), stored);
            assertEquals(backlog.size(), store.count(), "each result stored once");
        }
    }

    /**
     * Scans of the whole backlog, one after another, from a data node that joins, until its partitions
     * have moved and a few scans more; then it leaves and joins again, eight times. The nodes take up
     * each new assignment one after the other, and a scan in between must still read every result.
     */
    @Test
    void everyScanWhilePartitionsMoveReadsEveryResult() throws Exception {
        Ignite first = Ignition.start(node("move-it-data-1", 0));
        Map<Long, String> backlog = backlog(first);
        List<String> incomplete = new ArrayList<>();
        int scans = 0;
        for (int round = 1; round <= 8; round++) {
            Ignite joining = Ignition.start(node("move-it-aggregator", 2));
            IgniteCache<Long, String> cache = joining.cache(CacheNames.RESULTS);
            CacheReads reads = new CacheReads(cache, joining.affinity(CacheNames.RESULTS).partitions());
            int afterMove = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (afterMove < 3 && System.nanoTime() < deadline) {
                boolean moved = joining.affinity(CacheNames.RESULTS)
                        .primaryPartitions(joining.cluster().localNode()).length > 0;
                Set<Long> read = new TreeSet<>();
                reads.scanAbove(0, (seq, json) -> read.add(seq), CacheReads.PARTITION_ATTEMPTS);
                scans++;
                afterMove += moved ? 1 : 0;
                if (!read.equals(backlog.keySet())) {
                    incomplete.add("round " + round + ": scan " + scans + " read " + read.size());
                }
            }
            assertEquals(3, afterMove, "the joining node took over partitions within " + WAIT);
            Ignition.stop(joining.name(), true);
        }
        assertEquals(List.of(), incomplete, "of " + scans + " scans of " + backlog.size() + " results");
    }

    private static Map<Long, String> backlog(Ignite node) {
        IgniteCache<Long, String> cache = node.getOrCreateCache(TestNodes.resultsCache(CacheNames.RESULTS));
        Map<Long, String> backlog = new TreeMap<>();
        for (long seq = 1; backlog.size() < BACKLOG; seq += seq % 100 == 0 ? 37 : 1) {
            backlog.put(seq, Json.write(TestResults.passed(seq, "backlog")));
        }
        cache.putAll(backlog);
        return backlog;
    }

    /** Node {@code i} of this class: discovery on 22810.., communication on 22860... */
    private static IgniteConfiguration node(String name, int i) {
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder().setAddresses(List.of("127.0.0.1:22810..22819"));
        return TestNodes.node(name)
                .setDiscoverySpi(new TcpDiscoverySpi().setIpFinder(ipFinder).setLocalPort(22810 + i).setLocalPortRange(0))
                .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(22860 + i).setLocalPortRange(0));
    }

    private static Set<Long> storedSeqs(ResultStore store, ResultOrigin origin) {
        Set<Long> seqs = new TreeSet<>();
        for (SeqRange range : store.seqRanges(origin)) {
            for (long seq = range.first(); seq <= range.last(); seq++) {
                seqs.add(seq);
            }
        }
        return seqs;
    }
}
