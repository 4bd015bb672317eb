package io.dtf.results.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TaskResult;
import io.dtf.results.TestResults;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One node holding the results cache and a DuckDB replica, on ports reserved for this class
 * (29200..29239). Sweeps are driven with explicit times, so the retention is exact, not slept out.
 */
class ResultRetentionIT {
    private static final Duration RETENTION = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TAIL = "x".repeat(64 * 1024 - 1) + "\n";

    private static Ignite node;

    @BeforeAll
    static void startNode() {
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder().setAddresses(List.of("127.0.0.1:29200..29219"));
        node = Ignition.start(TestNodes.node("retention-it")
                .setDiscoverySpi(new TcpDiscoverySpi().setIpFinder(ipFinder).setLocalPort(29200).setLocalPortRange(19))
                .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(29220).setLocalPortRange(19)));
    }

    @AfterAll
    static void stopNode() {
        Ignition.stopAll(true);
    }

    @Test
    void replicatedResultsLeaveTheCacheOnlyAfterTheRetentionAndUnstoredOnesStay() throws Exception {
        IgniteCache<Long, String> cache = node.getOrCreateCache(TestNodes.resultsCache(CacheNames.RESULTS));
        Path file = Files.createTempDirectory("dtf-retention").resolve("retention.duckdb");
        try (DuckDbResultStore store = DuckDbResultStore.open(file);
             ResultReplicator replicator = new ResultReplicator(node, store)) {
            replicator.start();
            ResultRetention retention = new ResultRetention(cache, replicator::isStored, replicator::ingestedSeq,
                    RETENTION);
            putAll(cache, 1, 100);
            assertTrue(replicator.awaitIngested(100, WAIT));
            long t0 = 0;

            assertEquals(0, retention.sweep(t0));
            assertEquals(0, retention.sweep(t0 + seconds(59)));
            assertEquals(100, cache.size(), "nothing leaves before the retention has passed");

            // 101..120 are numbers never used; 121 holds a value DuckDB cannot take; 122..150 are fine.
            cache.put(121L, "not a result");
            putAll(cache, 122, 150);
            awaitStored(replicator, 122, 150);
            assertEquals(100, retention.sweep(t0 + seconds(60)), "stored a minute ago: 1..100");
            assertEquals(30, cache.size());

            assertEquals(29, retention.sweep(t0 + seconds(121)));
            assertEquals(List.of(121L), List.copyOf(keys(cache)), "what DuckDB lacks stays in the cache");
            assertEquals(0, retention.sweep(t0 + seconds(300)));
            assertEquals(1, cache.size());

            assertEquals(129, store.count(), "every readable result is in DuckDB, once");
            TaskResult last = store.results("run-1").get(store.results("run-1").size() - 1);
            assertEquals(TAIL, last.stdoutTail());
            TimeUnit.MILLISECONDS.sleep(300);
            assertEquals(129, replicator.ingestedCount(), "removals are not taken for new results");
        }
    }

    @Test
    void startedRetentionEmptiesTheCacheOfWhatIsReplicated() throws Exception {
        IgniteCache<Long, String> cache = node.getOrCreateCache(TestNodes.resultsCache("retention-started"));
        Path file = Files.createTempDirectory("dtf-retention").resolve("started.duckdb");
        try (DuckDbResultStore store = DuckDbResultStore.open(file);
             ResultReplicator replicator = new ResultReplicator(node, "retention-started", store);
             ResultRetention retention = new ResultRetention(cache, replicator::isStored, replicator::ingestedSeq,
                     Duration.ZERO)) {
            replicator.start();
            retention.start();
            putAll(cache, 1, 200);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (cache.size() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            assertEquals(0, cache.size());
            assertEquals(200, store.count());
            assertEquals(200, retention.removed());
        }
    }

    private static void putAll(IgniteCache<Long, String> cache, long from, long to) {
        Map<Long, String> batch = new TreeMap<>();
        for (long seq = from; seq <= to; seq++) {
            batch.put(seq, Json.write(withTail(TestResults.passed(seq, "run-1"))));
        }
        cache.putAll(batch);
    }

    /** awaitIngested answers false at once while an unreadable value sits below: wait for these seqs instead. */
    private static void awaitStored(ResultReplicator replicator, long from, long to) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (long seq = from; seq <= to; seq++) {
            while (!replicator.isStored(seq)) {
                assertTrue(System.nanoTime() < deadline, "seq " + seq + " not stored in time");
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    private static TaskResult withTail(TaskResult r) {
        return new TaskResult(r.seq(), r.runId(), r.suite(), r.taskId(), r.taskName(), r.params(), r.attempt(),
                r.finalAttempt(), r.status(), r.startedAt(), r.endedAt(), r.nodeId(), r.hwClass(), r.exitCode(),
                r.metrics(), TAIL, r.stderrTail(), r.error(), r.category(), r.decision());
    }

    private static java.util.SortedSet<Long> keys(IgniteCache<Long, String> cache) {
        java.util.TreeSet<Long> keys = new java.util.TreeSet<>();
        cache.forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    private static long seconds(long s) {
        return TimeUnit.SECONDS.toNanos(s);
    }
}
