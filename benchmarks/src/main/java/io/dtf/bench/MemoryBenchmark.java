package io.dtf.bench;

import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.memory.MemorySettings;
import io.dtf.node.NodeOptions;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.CacheNames;
import io.dtf.worker.command.CommandPolicy;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.ignite.DataRegionMetrics;
import org.apache.ignite.Ignite;

/**
 * Memory under a long stream of output-heavy tasks: N {@code command} tasks that print 64 KiB each,
 * through the one-machine default node (every role, default config, default settings unless given
 * as system properties), submitted as runs of {@code batch} tasks with two runs in flight, as a CI
 * system would. Every few seconds it samples the heap (live after the last GC, and in use), the
 * default data region (pages allocated and in use) and the entries in the results cache, and
 * prints them next to the figures after the first run (heap live is measured after a forced full GC) (the baseline of the same run). At the end
 * it checks that DuckDB holds every result of every run, once.
 *
 * <p>Run: {@code benchmarks/run-memory.sh [tasks=20000] [batch=2000]}; add
 * {@code BENCH_OPTS=-Ddtf.results.retention=off} for the behaviour without retention.
 */
public final class MemoryBenchmark {
    private static final int DISCOVERY = 29300;
    private static final int COMMUNICATION = 29310;
    private static final int CLIENT = 29320;
    private static final int OUTPUT_BYTES = 64 * 1024;
    private static final long MIB = 1L << 20;

    private record Sample(double seconds, long tasksDone, long heapLive, long heapUsed, long regionAllocated,
                          long regionUsed, long cachedResults) {
        static String header() {
            return String.format(Locale.ROOT, "%8s %9s %13s %13s %16s %13s %14s", "time s", "tasks", "heap live MiB",
                    "heap used MiB", "region alloc MiB", "region used MiB", "results cached");
        }

        String row() {
            return String.format(Locale.ROOT, "%8.0f %9d %13d %13d %16d %13d %14d", seconds, tasksDone, heapLive / MIB,
                    heapUsed / MIB, regionAllocated / MIB, regionUsed / MIB, cachedResults);
        }
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path root = Path.of("target", "memory-benchmark").toAbsolutePath();
        deleteTree(root);
        Files.createDirectories(root);
        Path output = root.resolve("output-64k.txt");
        Files.writeString(output, ("x".repeat(63) + "\n").repeat(OUTPUT_BYTES / 64));
        Path config = Path.of(System.getProperty("dtf.home", "..")).resolve("config/ignite-default.xml");
        MemorySettings settings = MemorySettings.fromSystemProperties();

        try (DtfNode node = DtfNode.start(NodeOptions.of(config, root.resolve("node")).withInstanceName("memory-bench")
                .withCommands(CommandPolicy.ANY)
                .withNetwork("127.0.0.1", DISCOVERY, COMMUNICATION, CLIENT, List.of("127.0.0.1:" + DISCOVERY)))) {
            Ignite ignite = node.ignite();
            DtfClient client = DtfClient.over(node.coordinator(Duration.ofSeconds(30)));
            long region = ignite.configuration().getDataStorageConfiguration().getDefaultDataRegionConfiguration()
                    .getMaxSize();
            System.out.printf(Locale.ROOT, "machine: %d cores, %d MiB memory, Java %s; one node, every role, %s slots%n",
                    Runtime.getRuntime().availableProcessors(), physicalMemory() / MIB, Runtime.version(),
                    node.attributes().get("dtf.slots"));
            System.out.printf(Locale.ROOT, "data region %d MiB; heap max %d MiB; result retention %s; run retention %s%n",
                    region / MIB, Runtime.getRuntime().maxMemory() / MIB,
                    settings.resultRetention() == null ? "off" : settings.resultRetention(), settings.runRetention());
            System.out.printf(Locale.ROOT, "%d tasks printing %d KiB each (cat of a file), runs of %d, two in flight%n%n",
                    tasks, OUTPUT_BYTES / 1024, batch);

            AtomicLong done = new AtomicLong();
            List<Sample> samples = new ArrayList<>();
            long started = System.nanoTime();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    synchronized (samples) {
                        samples.add(sample(ignite, started, done.get()));
                    }
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-sampler");
            sampler.setDaemon(true);
            sampler.start();

            List<String> runIds = new ArrayList<>();
            ArrayDeque<String> inFlight = new ArrayDeque<>();
            Sample baseline = null;
            System.out.println(Sample.header());
            long nextPrint = 0;
            for (int submitted = 0; submitted < tasks || !inFlight.isEmpty(); ) {
                if (submitted < tasks && inFlight.size() < 2) {
                    int n = Math.min(batch, tasks - submitted);
                    String runId = client.submit(suite("memory-" + runIds.size(), n, output));
                    runIds.add(runId);
                    inFlight.add(runId);
                    submitted += n;
                    continue;
                }
                RunView view = client.await(inFlight.poll(), Duration.ofHours(2), r -> { });
                done.addAndGet(view.total());
                if (baseline == null) {
                    baseline = sample(ignite, started, done.get());
                    System.out.println(baseline.row() + "   <- baseline: after the first run");
                }
                if (done.get() >= nextPrint) {
                    System.out.println(sample(ignite, started, done.get()).row());
                    nextPrint += Math.max(batch, tasks / 10);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Sample end = sample(ignite, started, done.get());
            System.out.println(end.row() + "   <- end");
            System.out.printf(Locale.ROOT, "%n%d tasks in %.0f s (%.0f tasks/s)%n", done.get(), seconds,
                    done.get() / seconds);

            // Nothing lost: every task's final result in DuckDB, run by run (the aggregator may lag a moment).
            DuckDbResultStore store = node.resultStore().orElseThrow();
            long missing = Long.MAX_VALUE;
            for (long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                 missing > 0 && System.nanoTime() < deadline; Thread.sleep(missing > 0 ? 1_000 : 0)) {
                missing = 0;
                for (int i = 0; i < runIds.size(); i++) {
                    long finals = store.results(runIds.get(i)).stream().filter(TaskResult::finalAttempt).count();
                    missing += Math.max(0, Math.min(batch, tasks - (long) i * batch) - finals);
                }
            }
            System.out.printf(Locale.ROOT, "DuckDB: %d rows for %d tasks in %d runs; %d final results missing%n",
                    store.count(), tasks, runIds.size(), missing);

            sampler.interrupt();
            sampler.join();
            Sample peak;
            synchronized (samples) {
                samples.add(end);
                peak = new Sample(0, 0, max(samples, Sample::heapLive), max(samples, Sample::heapUsed),
                        max(samples, Sample::regionAllocated), max(samples, Sample::regionUsed),
                        max(samples, Sample::cachedResults));
            }
            System.out.printf(Locale.ROOT, "%nsummary (MiB)        %13s %13s %16s %13s %14s%n", "heap live", "heap used",
                    "region alloc", "region used", "results cached");
            print("baseline", baseline);
            print("end", end);
            print("peak (5 s samples)", peak);
            System.out.println(missing == 0 ? "NOTHING LOST: every task's result is in DuckDB" : "RESULTS MISSING");
            if (missing != 0) {
                System.exit(1);
            }
        }
    }

    private static void print(String label, Sample s) {
        System.out.printf(Locale.ROOT, "%-20s %13d %13d %16d %13d %14d%n", label, s.heapLive() / MIB,
                s.heapUsed() / MIB, s.regionAllocated() / MIB, s.regionUsed() / MIB, s.cachedResults());
    }

    private static long max(List<Sample> samples, java.util.function.ToLongFunction<Sample> f) {
        return samples.stream().mapToLong(f).max().orElse(0);
    }

    private static Suite suite(String name, int n, Path output) {
        List<TaskSpec> specs = IntStream.range(0, n).mapToObj(i -> new TaskSpec("t" + i, "print-64k", Map.of(),
                new CommandAction(List.of("cat", output.toString()), Map.of(), null), List.of(), 0,
                Duration.ofMinutes(1), 0, 1)).toList();
        return new Suite(name, specs);
    }

    /** Heap in use as it is, then after a full GC (what is really held): a GC every 5 s costs little here. */
    private static Sample sample(Ignite ignite, long started, long done) {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String name = ignite.configuration().getDataStorageConfiguration().getDefaultDataRegionConfiguration().getName();
        DataRegionMetrics region = ignite.dataRegionMetrics(name);
        long cached = ignite.cache(CacheNames.RESULTS).sizeLong();
        return new Sample((System.nanoTime() - started) / 1e9, done, live, used, region.getTotalAllocatedSize(),
                region.getTotalUsedSize(), cached);
    }

    private static long physicalMemory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}
