package io.dtf.results.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TaskResult;
import io.dtf.results.ResultOrigin;
import io.dtf.results.ResultStore;
import io.dtf.results.SeqRange;
import io.dtf.results.TestResults;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A data node and an aggregator node in one JVM, on ports reserved for this class. */
class ResultReplicatorIT {
    private static final String DATA = "results-it-data";
    private static final String AGGREGATOR = "results-it-aggregator";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Ignite data;
    private Ignite aggregator;
    private ResultStore store;
    private ResultReplicator replicator;

    @BeforeAll
    static void startDataNode() {
        data = Ignition.start(TestNodes.node(DATA));
    }

    @AfterAll
    static void stopNodes() {
        Ignition.stopAll(true);
    }

    @AfterEach
    void stopAggregator() {
        stopAggregatorNode();
    }

    @Test
    void everyResultLandsExactlyOnceAcrossAnAggregatorRestart() throws Exception {
        IgniteCache<Long, String> cache = data.getOrCreateCache(TestNodes.resultsCache(CacheNames.RESULTS));
        Path file = freshFile("restart.duckdb");
        startAggregatorNode(file, CacheNames.RESULTS);

        // Numbers come from one sequence reserved in blocks per node: two writers leave gaps and
        // put out of order. One number is taken now and put only while the aggregator is down.
        long straggler = nextSeq(data);
        CompletableFuture<Void> fromData = CompletableFuture.runAsync(() -> putResults(data, "run-1", 300));
        CompletableFuture<Void> fromAggregator = CompletableFuture.runAsync(() -> putResults(aggregator, "run-1", 300));
        CompletableFuture.allOf(fromData, fromAggregator).join();
        assertTrue(replicator.awaitIngested(maxKey(cache), WAIT));
        assertEquals(600, store.count());

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong putWhileRestarting = new AtomicLong();
        CompletableFuture<Void> background = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                putResult(data, "run-2");
                putWhileRestarting.incrementAndGet();
            }
        });
        poll(() -> putWhileRestarting.get() >= 100);
        replicator.close();
        long storedBeforeStop = store.count();
        long lastSeqBeforeStop = store.lastSeq(GridIdentity.of(data));
        stopAggregatorNode();
        long putAtStop = putWhileRestarting.get();
        poll(() -> putWhileRestarting.get() >= putAtStop + 200);
        cache.put(straggler, Json.write(TestResults.passed(straggler, "run-2")));
        writing.set(false);
        background.join();
        assertTrue(straggler < lastSeqBeforeStop, "the straggler must land below what the store holds");

        long inCacheAtRestart = cache.sizeLong();
        startAggregatorNode(file, CacheNames.RESULTS);
        poll(() -> store.count() == inCacheAtRestart);
        putResults(aggregator, "run-3", 100);
        putResults(data, "run-3", 100);
        assertTrue(replicator.awaitIngested(maxKey(cache), WAIT));

        Map<Long, TaskResult> inCache = decodedEntries(cache);
        assertEquals(inCache.keySet(), storedSeqs(store));
        assertEquals(inCache.size(), store.count());
        assertEquals(inCache.size() - storedBeforeStop, replicator.ingestedCount());
        Map<String, List<TaskResult>> byRun = inCache.values().stream()
                .collect(Collectors.groupingBy(TaskResult::runId, TreeMap::new, Collectors.toList()));
        byRun.forEach((runId, results) -> assertEquals(results, store.results(runId), runId));
        assertEquals(List.of("run-1", "run-2", "run-3"), store.runIds().stream().sorted().toList());
    }

    @Test
    void anEarlierGridsResultsUnderTheSameSeqsDoNotHideThisGridsResults() throws Exception {
        String cacheName = "results-it-incarnations";
        IgniteCache<Long, String> cache = data.getOrCreateCache(TestNodes.resultsCache(cacheName));
        Path file = freshFile("incarnations.duckdb");
        List<TaskResult> earlier = List.of(TestResults.passed(1, "earlier"), TestResults.passed(2, "earlier"));
        try (DuckDbResultStore restartedFrom = DuckDbResultStore.open(file)) {
            restartedFrom.ingest(ResultOrigin.grid("an-in-memory-grid-gone-since"), earlier);
        }
        Map<Long, String> numberedFromOneAgain = new TreeMap<>();
        List<TaskResult> now = new ArrayList<>();
        for (long seq = 1; seq <= 3; seq++) {
            now.add(TestResults.passed(seq, "now"));
            numberedFromOneAgain.put(seq, Json.write(now.get(now.size() - 1)));
        }
        cache.putAll(numberedFromOneAgain);
        try {
            startAggregatorNode(file, cacheName);

            assertTrue(replicator.awaitIngested(3, WAIT));
            assertEquals(now, store.results("now"));
            assertEquals(earlier, store.results("earlier"));
            assertEquals(List.of(), store.conflicts());
            assertEquals(GridIdentity.of(data), replicator.origin(), "every node of a grid sees the same id");
        } finally {
            stopAggregatorNode();
            cache.destroy(); // the data node's region is small: one cache more and a later test runs out of it
        }
    }

    @Test
    void awaitIngestedSeesAnUnreadableResultAsNeverStored() throws Exception {
        String cacheName = "results-it-unreadable";
        IgniteCache<Long, String> cache = data.getOrCreateCache(TestNodes.resultsCache(cacheName));
        cache.put(1L, Json.write(TestResults.passed(1, "run")));
        startAggregatorNode(freshFile("unreadable.duckdb"), cacheName);

        cache.put(2L, "{not json");
        cache.put(3L, Json.write(TestResults.passed(3, "run")));
        assertTrue(replicator.awaitIngested(1, WAIT));
        assertFalse(replicator.awaitIngested(3, WAIT));
        assertEquals(Set.of(1L, 3L), storedSeqs(store));
        assertTrue(replicator.awaitIngested(0, Duration.ZERO));
    }

    @Test
    void awaitIngestedCoversAResultPutBelowWhatIsStored() throws Exception {
        String cacheName = "results-it-late";
        IgniteCache<Long, String> cache = data.getOrCreateCache(TestNodes.resultsCache(cacheName));
        startAggregatorNode(freshFile("late.duckdb"), cacheName);
        Map<Long, String> allButFive = new TreeMap<>();
        for (long seq = 1; seq <= 10; seq++) {
            if (seq != 5) {
                allButFive.put(seq, Json.write(TestResults.passed(seq, "run")));
            }
        }

        cache.putAll(allButFive);
        assertTrue(replicator.awaitIngested(10, WAIT), "a gap in the numbering is not waited for");
        assertEquals(allButFive.keySet(), storedSeqs(store));

        cache.put(5L, Json.write(TestResults.passed(5, "run")));
        assertTrue(replicator.awaitIngested(10, WAIT));
        assertTrue(storedSeqs(store).contains(5L), "awaitIngested returned before seq 5 was stored");
    }

    @Test
    void resultsThatOverflowTheQueueAreReadBackFromTheCache() throws Exception {
        String cacheName = "results-it-overflow";
        IgniteCache<Long, String> cache = data.getOrCreateCache(TestNodes.resultsCache(cacheName));
        aggregator = Ignition.start(TestNodes.node(AGGREGATOR));
        store = DuckDbResultStore.open(freshFile("overflow.duckdb"));
        replicator = new ResultReplicator(aggregator, cacheName, store, 4);
        replicator.start();
        Map<Long, String> burst = new TreeMap<>();
        for (long seq = 1; seq <= 2_000; seq++) {
            burst.put(seq, Json.write(TestResults.passed(seq, "burst")));
        }

        cache.putAll(burst);

        poll(() -> replicator.ingestedCount() == burst.size());
        assertEquals(burst.keySet(), storedSeqs(store));
    }

    @Test
    void catchUpFindsResultsPutBeforeTheReplicatorStarted() throws Exception {
        String cacheName = "results-it-backlog";
        IgniteCache<Long, String> cache = data.getOrCreateCache(TestNodes.resultsCache(cacheName));
        Map<Long, String> backlog = new TreeMap<>();
        for (long seq = 1; seq <= 5_000; seq += seq % 100 == 0 ? 37 : 1) {
            backlog.put(seq, Json.write(TestResults.passed(seq, "backlog")));
        }
        cache.putAll(backlog);
        startAggregatorNode(freshFile("backlog.duckdb"), cacheName);

        poll(() -> replicator.ingestedCount() == backlog.size());
        assertEquals(backlog.keySet(), storedSeqs(store));
    }

    @Test
    void catchUpStillWorksWhenADataNodeCannotLoadTheScanFilter() throws Exception {
        String cacheName = "results-it-plain";
        IgniteCache<Long, String> cache = data.getOrCreateCache(TestNodes.resultsCache(cacheName));
        cache.put(1L, Json.write(TestResults.passed(1, "run")));
        Path file = freshFile("plain.duckdb");
        startAggregatorNode(file, cacheName);
        poll(() -> store.count() == 1);
        stopAggregatorNode();
        Process plain = startPlainDataNode();
        try {
            Map<Long, String> putWhileDown = new TreeMap<>();
            for (long seq = 2; seq <= 500; seq++) {
                putWhileDown.put(seq, Json.write(TestResults.passed(seq, "run")));
            }
            cache.putAll(putWhileDown);

            startAggregatorNode(file, cacheName);

            poll(() -> replicator.ingestedCount() == 499);
            assertEquals(500, store.count());
        } finally {
            plain.getOutputStream().close();
            if (!plain.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                plain.destroyForcibly();
            }
        }
    }

    /** Starts {@link PlainDataNode} in a child JVM whose class path has everything but the aggregator. */
    private static Process startPlainDataNode() throws Exception {
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path").split(File.pathSeparator))
                .filter(entry -> !holdsAggregatorClasses(Path.of(entry)))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // This JVM's Ignite flags (--add-opens, -DIGNITE_...), whatever file they came from.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-DIGNITE_") || arg.startsWith("-Djava.net"))
                .forEach(command::add);
        command.addAll(List.of("-cp", classPath, PlainDataNode.class.getName(), "results-it-plain-data"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith("started")) {
                CompletableFuture.runAsync(() -> output.lines().forEach(l -> { }));
                return process;
            }
        }
        throw new AssertionError("the plain data node did not start: exit " + process.waitFor());
    }

    private static boolean holdsAggregatorClasses(Path entry) {
        String seqAbove = SeqAbove.class.getName().replace('.', '/') + ".class";
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(seqAbove));
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.getEntry(seqAbove) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private void startAggregatorNode(Path file, String cacheName) {
        aggregator = Ignition.start(TestNodes.node(AGGREGATOR));
        // No waiting for the new node's partitions to settle: the replicator catches up while they move.
        store = DuckDbResultStore.open(file);
        replicator = new ResultReplicator(aggregator, cacheName, store);
        replicator.start();
    }

    private void stopAggregatorNode() {
        if (replicator != null) {
            replicator.close();
            replicator = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        if (aggregator != null) {
            Ignition.stop(AGGREGATOR, true);
            aggregator = null;
        }
    }

    private static long nextSeq(Ignite node) {
        return node.atomicSequence(CacheNames.RESULT_SEQUENCE, 0, true).incrementAndGet();
    }

    private static void putResult(Ignite node, String runId) {
        long seq = nextSeq(node);
        node.<Long, String>cache(CacheNames.RESULTS).put(seq, Json.write(TestResults.passed(seq, runId)));
    }

    private static void putResults(Ignite node, String runId, int count) {
        for (int i = 0; i < count; i++) {
            putResult(node, runId);
        }
    }

    private static long maxKey(IgniteCache<Long, String> cache) {
        return decodedEntries(cache).keySet().stream().max(Comparator.naturalOrder()).orElse(0L);
    }

    private static Map<Long, TaskResult> decodedEntries(IgniteCache<Long, String> cache) {
        Map<Long, TaskResult> entries = new TreeMap<>();
        try (QueryCursor<Cache.Entry<Long, String>> cursor = cache.query(new ScanQuery<Long, String>())) {
            cursor.forEach(e -> entries.put(e.getKey(), Json.read(e.getValue(), TaskResult.class)));
        }
        return entries;
    }

    private static Set<Long> storedSeqs(ResultStore store) {
        Set<Long> seqs = new TreeSet<>();
        for (SeqRange range : store.seqRanges(GridIdentity.of(data))) {
            for (long seq = range.first(); seq <= range.last(); seq++) {
                seqs.add(seq);
            }
        }
        return seqs;
    }

    private static void poll(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    private static Path freshFile(String name) throws Exception {
        Path file = Path.of("target", "replicator-it", name);
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        return file;
    }
}
