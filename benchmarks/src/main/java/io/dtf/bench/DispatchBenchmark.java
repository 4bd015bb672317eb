package io.dtf.bench;

import io.dtf.bench.chaos.RestartableNode;
import io.dtf.client.DtfClient;
import io.dtf.coordinator.ignite.ComputeDispatcher;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.wire.CacheNames;
import io.dtf.worker.ignite.StopJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.lang.IgniteFuture;

/**
 * End-to-end dispatch cost: N no-op tasks through the whole DTF path (submit, route, execute on a
 * worker, result in the results cache, row in DuckDB) next to raw Ignite {@code compute().callAsync}
 * no-op calls on the same three nodes (one server, two workers, one JVM), in the same run.
 *
 * <p>Run: {@code benchmarks/run-dispatch.sh [tasks] [rounds] [one-at-a-time]}. Prints tasks/s and
 * the p50/p99 of submit-to-result latency for both paths (all tasks are submitted at once, so
 * latency includes queueing; it is measured the same way for both). Then, at low load, one task at
 * a time ({@code one-at-a-time} times, 200 by default, 0 to skip): submit, wait for the result,
 * repeat; DTF's latency to the result's arrival in the results cache and to the client's
 * {@code await} returning (called right after the submit, as {@code dtf run} does), next to one raw
 * call at a time. Each round also runs the DTF path with
 * one attempt per compute job ({@code -Dunbatched=false} skips it). {@code -Djfr=PREFIX} records each
 * round's DTF path alone with Flight Recorder, to {@code PREFIX-<round>.jfr}, and {@code -DthreadCpu=true}
 * prints its CPU time per thread (see {@link DtfRoundRecording}).
 *
 * <p>{@code -Dworkers=processes} starts the two workers as {@code dtf node} processes of their own
 * instead (the server stays in this JVM); {@code -DworkerCpus=LIST} runs them under {@code taskset -c LIST}.
 * With {@code -DworkerCpus=1} and this JVM under {@code taskset -c 0}, the coordinator's node and the
 * workers have a core each, closer to a grid whose workers are other machines. The raw calls to
 * such workers are {@link StopJob}s for an attempt that does not exist (a lookup that finds nothing):
 * a worker's JVM has no class of this benchmark's.
 */
public final class DispatchBenchmark {
    private static final int DISCOVERY = 23400;
    private static final int COMMUNICATION = 23450;
    private static final int CLIENT = 23480;

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int oneAtATime = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int slots = Integer.getInteger("slots", 64);
        // Each round also runs DTF with one attempt per compute job, as before batching (-Dunbatched=false: not).
        boolean compareUnbatched = Boolean.parseBoolean(System.getProperty("unbatched", "true"));
        Path root = Path.of("target", "dispatch-benchmark").toAbsolutePath();
        Path config = Path.of(System.getProperty("dtf.home", "..")).resolve("config/ignite-default.xml");
        boolean workerProcesses = "processes".equals(System.getProperty("workers", "in-jvm"));
        List<DtfNode> nodes = new ArrayList<>();
        List<RestartableNode> processes = new ArrayList<>();
        try {
            DtfNode server = start(nodes, config, root, "server", Set.of("coordinator", "data", "aggregator"), slots);
            if (workerProcesses) {
                Path home = Path.of(System.getProperty("dtf.home", "..")).toAbsolutePath();
                String cpus = System.getProperty("workerCpus");
                List<String> prefix = cpus == null ? List.of() : List.of("taskset", "-c", cpus);
                for (int i = 1; i <= 2; i++) {
                    processes.add(new RestartableNode("worker-" + i, prefix, home.resolve("dtf"), root, Map.of(),
                            List.of("--config", home.resolve("config/ignite-worker.xml").toString(),
                                    "--slots", String.valueOf(slots), "--bind", "127.0.0.1",
                                    "--port", String.valueOf(DISCOVERY + i), "--comm-port", String.valueOf(COMMUNICATION + i),
                                    "--client-port", String.valueOf(CLIENT + i),
                                    "--join", "127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9))));
                }
                RestartableNode.startAll(processes);
            } else {
                start(nodes, config, root, "worker-1", Set.of("worker"), slots);
                start(nodes, config, root, "worker-2", Set.of("worker"), slots);
            }
            Ignite ignite = server.ignite();
            DtfClient client = DtfClient.over(server.coordinator(Duration.ofSeconds(30)));
            ClusterGroup workers = ignite.cluster().forAttribute("dtf.roles", "worker");
            awaitWorkers(workers, 2);
            IgniteCallable<?> noop = workerProcesses ? new StopJob("none", "none", 0) : () -> 1;

            System.out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s; %s (1 server, 2 workers, %d slots each)%n",
                    Runtime.getRuntime().availableProcessors(), server.attributes().get("dtf.hw.class"),
                    Runtime.version(), workerProcesses ? "the server in this JVM, each worker a process of its own"
                            + (System.getProperty("workerCpus") == null ? "" : " on CPUs " + System.getProperty("workerCpus"))
                            : "3 nodes in one JVM", slots);
            System.out.println("warm-up: 2,000 tasks through each path");
            raw(ignite, workers, noop, 2_000);
            dtf(server, client, 2_000);

            System.out.printf(Locale.ROOT, "%n%-22s %6s %12s %10s %10s%n", "path", "tasks", "tasks/s", "p50 ms", "p99 ms");
            for (int round = 1; round <= rounds; round++) {
                Figures rawFigures = DtfRoundRecording.rawRound(round, tasks, () -> raw(ignite, workers, noop, tasks));
                Figures dtfFigures = DtfRoundRecording.around(round, tasks, () -> dtf(server, client, tasks));
                Figures unbatched = compareUnbatched ? unbatched(server, client, tasks) : null;
                rawFigures.print("raw callAsync #" + round, tasks);
                dtfFigures.print("dtf to DuckDB #" + round, tasks);
                System.out.printf(Locale.ROOT, "%-22s %6s %11.1f%%%n", "dtf / raw", "",
                        100 * dtfFigures.throughput(tasks) / rawFigures.throughput(tasks));
                if (unbatched != null) {
                    unbatched.print("dtf unbatched #" + round, tasks);
                    System.out.printf(Locale.ROOT, "%-22s %6s %11.1f%%%n", "unbatched / raw", "",
                            100 * unbatched.throughput(tasks) / rawFigures.throughput(tasks));
                }
            }
            if (oneAtATime > 0) {
                System.out.printf(Locale.ROOT, "%none task at a time, %d times each (gc: collections that fell in a sample,"
                        + " and those of the slowest 1%% of samples):%n", oneAtATime);
                Latencies raw = new Latencies(oneAtATime);
                rawOneAtATime(ignite, workers, noop, raw);
                raw.print("raw call");
                Latencies toCache = new Latencies(oneAtATime);
                Latencies submitCalls = new Latencies(oneAtATime);
                dtfOneAtATime(server, client, false, toCache, submitCalls);
                toCache.print("dtf to results cache");
                submitCalls.print("  of which submit call");
                Latencies throughClient = new Latencies(oneAtATime);
                dtfOneAtATime(server, client, true, throughClient, new Latencies(oneAtATime));
                throughClient.print("dtf submit+await");
            }
        } finally {
            for (RestartableNode p : processes) {
                p.stop();
            }
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    private static DtfNode start(List<DtfNode> nodes, Path config, Path root, String name, Set<String> roles, int slots) {
        int i = nodes.size();
        DtfNode node = DtfNode.start(NodeOptions.of(config, root.resolve(name)).withRoles(roles).withSlots(slots)
                .withInstanceName(name).withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, null,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9))));
        nodes.add(node);
        return node;
    }

    /** Worker processes join on their own time; both must be in before anything is measured. */
    private static void awaitWorkers(ClusterGroup workers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (workers.nodes().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + workers.nodes().size() + " of " + count + " workers joined");
            }
            Thread.sleep(100);
        }
    }

    /** Baseline: no-op callables straight onto the workers, all in flight at once. */
    private static Figures raw(Ignite ignite, ClusterGroup workers, IgniteCallable<?> noop, int n)
            throws InterruptedException {
        long[] done = new long[n];
        CountDownLatch latch = new CountDownLatch(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int slot = i;
            IgniteFuture<?> f = ignite.compute(workers).callAsync(noop);
            f.listen(x -> {
                done[slot] = System.nanoTime();
                latch.countDown();
            });
        }
        latch.await(10, TimeUnit.MINUTES);
        long end = System.nanoTime();
        return new Figures(start, end, done);
    }

    /**
     * DTF: one suite of n no-op benchmark tasks; latency is submit to the result's arrival in the
     * results cache (seen by a continuous query); the clock stops when DuckDB holds every row.
     */
    private static Figures dtf(DtfNode server, DtfClient client, int n) throws Exception {
        List<TaskSpec> specs = IntStream.range(0, n).mapToObj(i -> new TaskSpec("noop-" + i, "noop", Map.of(),
                new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(1), 0, 1)).toList();
        Suite suite = new Suite("dispatch", specs);
        IgniteCache<Long, String> results = server.ignite().cache(CacheNames.RESULTS);
        Map<Long, Long> arrived = new ConcurrentHashMap<>();
        ContinuousQuery<Long, String> query = new ContinuousQuery<>();
        query.setLocalListener(events -> {
            long now = System.nanoTime();
            for (CacheEntryEvent<? extends Long, ? extends String> e : events) {
                arrived.putIfAbsent(e.getKey(), now);
            }
        });
        try (QueryCursor<?> ignored = results.query(query)) {
            long start = System.nanoTime();
            String runId = client.submit(suite);
            AtomicLong lastSeq = new AtomicLong();
            RunView view = client.await(runId, Duration.ofMinutes(10), r -> lastSeq.accumulateAndGet(r.seq(), Math::max));
            if (!view.passed()) {
                throw new IllegalStateException("benchmark run failed: " + view);
            }
            long last = lastSeq.get();
            if (!server.replicator().orElseThrow().awaitIngested(last, Duration.ofMinutes(5))) {
                throw new IllegalStateException("DuckDB did not receive every result");
            }
            long end = System.nanoTime();
            long[] done = arrived.values().stream().mapToLong(Long::longValue).toArray();
            return new Figures(start, end, done);
        }
    }

    /** The DTF path with one attempt per compute job: what batching attempts per worker gains. */
    private static Figures unbatched(DtfNode server, DtfClient client, int n) throws Exception {
        System.setProperty(ComputeDispatcher.MAX_BATCH_PROPERTY, "1");
        try {
            return dtf(server, client, n);
        } finally {
            System.clearProperty(ComputeDispatcher.MAX_BATCH_PROPERTY);
        }
    }

    /** One raw call at a time: submit, wait for its answer, repeat. */
    private static void rawOneAtATime(Ignite ignite, ClusterGroup workers, IgniteCallable<?> noop, Latencies took) {
        for (int i = 0; i < took.size(); i++) {
            long gc = GcPauses.count();
            long start = System.nanoTime();
            ignite.compute(workers).callAsync(noop).get();
            took.add(System.nanoTime() - start, GcPauses.count() - gc);
        }
    }

    /**
     * One DTF task at a time: a suite of one no-op task, submitted once the previous one's result
     * arrived. Time from submit to the result's arrival in the results cache or, with
     * {@code throughClient}, to the client's {@code await}, called right after the submit, returning
     * (what a user of {@code dtf run} sees).
     * {@code submitCalls} receives how long each submit call took (its part of the latency).
     */
    private static void dtfOneAtATime(DtfNode server, DtfClient client, boolean throughClient, Latencies took,
                                      Latencies submitCalls) throws Exception {
        Suite suite = new Suite("one-at-a-time", List.of(new TaskSpec("noop", "noop", Map.of(),
                new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(1), 0, 1)));
        IgniteCache<Long, String> results = server.ignite().cache(CacheNames.RESULTS);
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        ContinuousQuery<Long, String> query = new ContinuousQuery<>();
        query.setLocalListener(events -> {
            long now = System.nanoTime();
            for (CacheEntryEvent<? extends Long, ? extends String> e : events) {
                if (e.getEventType() == EventType.CREATED) {
                    arrivals.add(now);
                }
            }
        });
        try (QueryCursor<?> ignored = results.query(query)) {
            for (int i = 0; i < took.size(); i++) {
                long gc = GcPauses.count();
                long start = System.nanoTime();
                String runId = client.submit(suite);
                long submitted = System.nanoTime();
                submitCalls.add(submitted - start, GcPauses.count() - gc);
                long end = 0;
                if (throughClient) {
                    // As `dtf run` does: follow the run from the moment it is accepted.
                    client.await(runId, Duration.ofMinutes(1), r -> { });
                    end = System.nanoTime();
                }
                Long arrived = arrivals.poll(1, TimeUnit.MINUTES);
                if (arrived == null) {
                    throw new IllegalStateException("no result for run " + runId + " within a minute");
                }
                took.add((throughClient ? end : arrived) - start, GcPauses.count() - gc);
            }
        }
    }

    /** Latency samples of one pass, each with the collections that fell inside it. */
    private static final class Latencies {
        private final long[] nanos;
        private final long[] collections;
        private int n;

        Latencies(int size) {
            nanos = new long[size];
            collections = new long[size];
        }

        int size() {
            return nanos.length;
        }

        void add(long took, long gcs) {
            nanos[n] = took;
            collections[n++] = gcs;
        }

        void print(String label) {
            long[] sorted = Arrays.stream(nanos, 0, n).sorted().toArray();
            double p99 = Figures.percentile(sorted, 0.99);
            long gcs = Arrays.stream(collections, 0, n).sum();
            long slowWithGc = IntStream.range(0, n).filter(i -> nanos[i] >= p99 && collections[i] > 0).count();
            long slow = IntStream.range(0, n).filter(i -> nanos[i] >= p99).count();
            System.out.printf(Locale.ROOT, "%-22s %6d %12s %10.1f %10.1f   p10 %.1f, max %.1f, gc %d, gc in slowest %d of %d%n",
                    label, n, "", Figures.percentile(sorted, 0.50) / 1e6, p99 / 1e6, Figures.percentile(sorted, 0.10) / 1e6,
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6, gcs, slowWithGc, slow);
        }
    }

    private record Figures(long start, long end, long[] done) {
        double throughput(int n) {
            return n / ((end - start) / 1e9);
        }

        void print(String label, int n) {
            long[] latency = Arrays.stream(done).map(t -> t - start).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-22s %6d %12.0f %10.1f %10.1f%n", label, n, throughput(n),
                    percentile(latency, 0.50) / 1e6, percentile(latency, 0.99) / 1e6);
        }

        static double percentile(long[] sorted, double p) {
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }
    }
}
