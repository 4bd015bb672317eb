package io.dtf.bench;

import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.results.ResultOrigin;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What storing a batch of results in DuckDB costs as the file fills up: the aggregator stores each
 * batch the results cache delivers, and a grid's file holds every result of its history. One DuckDB
 * file, filled in 5,000-result batches to each size in turn; at each size, batches of 1 and of 100
 * new results (wall time and the storing thread's CPU, median of several), then one redelivered
 * result (a copy of a stored one, which the store recognises and skips). The baseline is the same
 * run's empty file: a store whose batches cost the same at every size scales with its history.
 *
 * <p>Run: {@code benchmarks/run-ingest-scale.sh [largest=400000]}.
 */
public final class IngestScaleBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ResultOrigin GRID = ResultOrigin.grid("00000000-0000-0000-0000-0000000000aa");
    private static final Instant BASE = Instant.parse("2026-12-01T10:00:00.123456Z");

    public static void main(String[] args) throws Exception {
        long largest = args.length > 0 ? Long.parseLong(args[0]) : 400_000;
        Path dir = Files.createTempDirectory("dtf-ingest-scale");
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; one DuckDB file in %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), dir);
        System.out.printf(Locale.ROOT, "%12s %26s %26s %26s%n", "rows stored", "1 new result: ms wall/cpu",
                "100 new results: ms wall/cpu", "1 redelivered: ms wall/cpu");
        try (DuckDbResultStore store = DuckDbResultStore.open(dir.resolve("results.duckdb"))) {
            long seq = 0;
            for (long size : sizes(largest)) {
                while (seq < size) {
                    List<TaskResult> fill = new ArrayList<>();
                    for (int i = 0; i < 5_000 && seq < size; i++) {
                        fill.add(result(++seq));
                    }
                    store.ingest(GRID, fill);
                }
                long[] next = {seq};
                String one = median(15, () -> batch(store, 1, next, IngestScaleBenchmark::result));
                String hundred = median(7, () -> batch(store, 100, next, IngestScaleBenchmark::result));
                // A copy of a result stored at the very start: the identity check must find it, wherever it is.
                String again = median(15, () -> ingest(store, List.of(result(1))));
                seq = next[0];
                System.out.printf(Locale.ROOT, "%12d %26s %26s %26s%n", size, one, hundred, again);
            }
            if (store.count() != seq) {
                throw new IllegalStateException("the file holds " + store.count() + " results, not " + seq);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long[] sizes(long largest) {
        return Arrays.stream(new long[] {0, 10_000, 100_000, 400_000, 1_000_000}).filter(s -> s <= largest).toArray();
    }

    private static double[] batch(DuckDbResultStore store, int n, long[] seq, LongFunction<TaskResult> make) {
        List<TaskResult> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(make.apply(++seq[0]));
        }
        return ingest(store, batch);
    }

    private static double[] ingest(DuckDbResultStore store, List<TaskResult> batch) {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        store.ingest(GRID, batch);
        return new double[] {(System.nanoTime() - wall) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6};
    }

    private static String median(int times, java.util.function.Supplier<double[]> measure) {
        double[] wall = new double[times];
        double[] cpu = new double[times];
        for (int i = 0; i < times; i++) {
            double[] m = measure.get();
            wall[i] = m[0];
            cpu[i] = m[1];
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return String.format(Locale.ROOT, "%.1f / %.1f", wall[times / 2], cpu[times / 2]);
    }

    /** A passed benchmark result of a few metrics, as a no-op task's is, give or take. */
    private static TaskResult result(long seq) {
        Instant start = BASE.plusMillis(seq);
        return new TaskResult(seq, "run-" + seq / 1_000, "nightly", "task-" + seq % 1_000, "task-" + seq % 1_000,
                Map.of("size", "64KB"), 1, true, TaskState.PASSED, start, start.plusMillis(3),
                "node-" + seq % 8, "x86_64-8c-32g", null,
                List.of(new Metric("operations", "ops", List.of(1.0)), new Metric("iteration_time", "ms", List.of(0.01))),
                "", "", null, null, null);
    }
}
