package io.dtf.bench.chaos;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A suite of short command tasks on a grid of separate JVMs started through the {@code dtf}
 * launcher (two core servers that may both host the coordinator, one of them also the aggregator,
 * and four workers), once undisturbed as the baseline and once while workers are killed with
 * SIGKILL every few seconds and started again, and the coordinator's node is killed once.
 *
 * <p>Run: {@code benchmarks/run-chaos.sh [tasks=400] [kill-interval-seconds=4] [seed=1]}. Prints the
 * wall time of both runs, then for the run under kills: tasks completed, lost, final results
 * recorded twice (in the results cache and in DuckDB), extra attempts, and how long after each
 * kill its attempts were recorded lost and running again (defined in {@link ChaosFigures}). Exits
 * 1 when a task was lost or a final result recorded twice.
 */
public final class ChaosBenchmark {
    private static final int DISCOVERY = 28500;
    private static final int COMMUNICATION = 28550;
    private static final int CLIENT = 10940;
    private static final int WORKERS = 4;
    private static final int SLOTS = 2;
    /** Six JVMs share two cores: small heaps, one GC thread each. */
    // Results stay in the cache: the check reads every result of the run back from the grid at its end.
    private static final String SERVER_JVM = "-Xmx512m -XX:+UseSerialGC -Ddtf.results.retention=off";
    private static final String WORKER_JVM = "-Xmx256m -XX:+UseSerialGC";
    private static final double COORDINATOR_KILL_AT = 0.4;

    private ChaosBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Duration interval = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 4);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Path home = Path.of(System.getProperty("dtf.home", "..")).toAbsolutePath().normalize();
        Path root = Path.of("target", "chaos-benchmark").toAbsolutePath();
        deleteTree(root);

        String join = "127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9);
        String server = home.resolve("config/ignite-server.xml").toString();
        RestartableNode coreA = node(home, root, "core-a", 0, SERVER_JVM, join, "--config", server,
                "--roles", "coordinator,data");
        RestartableNode coreB = node(home, root, "core-b", 1, SERVER_JVM, join, "--config", server,
                "--roles", "coordinator,data,aggregator");
        List<RestartableNode> workers = IntStream.range(0, WORKERS).mapToObj(i -> node(home, root, "worker-" + (i + 1),
                2 + i, WORKER_JVM, join, "--config", home.resolve("config/ignite-worker.xml").toString(),
                "--slots", String.valueOf(SLOTS))).toList();
        List<RestartableNode> all = Stream.concat(Stream.of(coreA, coreB), workers.stream()).toList();
        int exit = 1;
        try {
            coreA.start(); // first, so that it hosts the coordinator singleton
            coreB.start();
            RestartableNode.startAll(workers);
            try (DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:" + CLIENT + ",127.0.0.1:" + (CLIENT + 1)));
                 DtfClient monkeyClient = DtfClient.connect(ClientOptions.of("127.0.0.1:" + (CLIENT + 1) + ",127.0.0.1:" + CLIENT))) {
                awaitWorkers(client);
                Suite suite = suite("chaos", tasks, seed);
                double work = suite.tasks().stream().mapToDouble(t -> Double.parseDouble(
                        ((CommandAction) t.action()).argv().get(1))).sum();
                System.out.printf(Locale.ROOT, "machine: %d cores, %.0f GiB, Java %s; grid: core-a (coordinator,data), "
                                + "core-b (coordinator,data,aggregator), %d workers x %d slots, each its own JVM%n",
                        Runtime.getRuntime().availableProcessors(), totalMemoryGiB(), Runtime.version(), WORKERS, SLOTS);
                System.out.printf(Locale.ROOT, "suite: %d command tasks, sleep 0.2 to 1.0 s (%.0f s of sleep, %.1f s "
                        + "on %d slots at best); kill a worker every %d s, the coordinator's node once at %.0f%% done%n%n",
                        tasks, work, work / (WORKERS * SLOTS), WORKERS * SLOTS, interval.toSeconds(),
                        100 * COORDINATOR_KILL_AT);

                run(client, suite("warm-up", 40, seed));
                Duration baseline = run(client, suite).wall();
                System.out.printf(Locale.ROOT, "baseline, no kills             %.1f s%n", baseline.toMillis() / 1000.0);

                ChaosMonkey monkey = new ChaosMonkey(workers, coreA, coreB, monkeyClient, interval,
                        COORDINATOR_KILL_AT, seed);
                Timed chaos;
                try (monkey) {
                    chaos = run(client, suite, monkey);
                }
                System.out.printf(Locale.ROOT, "under kills                    %.1f s (%+.0f%%)%n%n",
                        chaos.wall().toMillis() / 1000.0,
                        100.0 * (chaos.wall().toMillis() - baseline.toMillis()) / baseline.toMillis());

                List<TaskResult> results = client.results(chaos.runId());
                ChaosFigures figures = ChaosFigures.of(suite, results, monkey.kills(), monkey.upAgain());
                figures.print(System.out);
                printCoordinatorKill(monkey, results);
                monkey.notes().forEach(n -> System.out.println("note: " + n));

                coreB.stop(); // a graceful stop drains replication and closes the DuckDB file
                long twiceInDuckDb = finalsTwiceInDuckDb(coreB.dataDir().resolve("dtf.duckdb"), chaos.runId(), results);
                exit = figures.lost() == 0 && figures.finalTwice() == 0 && twiceInDuckDb == 0 ? 0 : 1;
            }
        } finally {
            for (RestartableNode n : all) {
                n.stop();
            }
        }
        System.exit(exit);
    }

    private record Timed(String runId, Duration wall) {
    }

    private static Timed run(DtfClient client, Suite suite) throws Exception {
        return run(client, suite, null);
    }

    private static Timed run(DtfClient client, Suite suite, ChaosMonkey monkey) throws Exception {
        Instant start = Instant.now();
        String runId = client.submit(suite);
        Thread killer = null;
        if (monkey != null) {
            killer = new Thread(() -> monkey.haunt(runId), "chaos-monkey");
            killer.start();
        }
        RunView done = client.await(runId, Duration.ofMinutes(15), r -> { }, view -> {
            if (monkey != null && monkey.broken().isPresent()) {
                throw new IllegalStateException("the grid cannot be made whole again: " + monkey.broken().get());
            }
        });
        Duration wall = Duration.between(start, Instant.now());
        if (killer != null) {
            killer.interrupt();
            killer.join();
        }
        if (!done.isDone()) {
            throw new IllegalStateException(suite.name() + " did not end: " + done);
        }
        return new Timed(runId, wall);
    }

    private static void printCoordinatorKill(ChaosMonkey monkey, List<TaskResult> results) {
        monkey.coordinatorKill().ifPresentOrElse(c -> {
            Instant at = c.kill().at();
            System.out.printf(Locale.ROOT, "%ncoordinator kill               %s at %s%n", c.kill().node(),
                    at.toString().substring(11, 23));
            System.out.printf(Locale.ROOT, "kill -> next coordinator start %s%n", c.newEpoch() == null ? "not seen"
                    : ChaosFigures.seconds(ChaosFigures.millis(at, c.newEpoch().at())) + " (epoch " + c.newEpoch().epoch() + ")");
            System.out.printf(Locale.ROOT, "kill -> client answered again  %s%n", c.apiBack() == null ? "not within 60 s"
                    : ChaosFigures.seconds(ChaosFigures.millis(at, c.apiBack())));
            Instant up = monkey.upAgain().get(c.kill().nodeId());
            System.out.printf(Locale.ROOT, "kill -> %s up again        %s%n", c.kill().node(),
                    up == null ? "not before the run ended" : ChaosFigures.seconds(ChaosFigures.millis(at, up)));
            results.stream().map(TaskResult::startedAt).filter(s -> s.isAfter(at)).min(Comparator.naturalOrder())
                    .ifPresent(first -> System.out.printf(Locale.ROOT, "kill -> first attempt started  %s%n",
                            ChaosFigures.seconds(ChaosFigures.millis(at, first))));
        }, () -> System.out.println("\ncoordinator kill               none"));
    }

    /** Tasks of the run with more than one final row in DuckDB; also says whether DuckDB holds every row. */
    private static long finalsTwiceInDuckDb(Path file, String runId, List<TaskResult> inCache) {
        try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(file)) {
            List<TaskResult> stored = store.results(runId);
            long twice = stored.stream().filter(TaskResult::finalAttempt)
                    .collect(Collectors.groupingBy(TaskResult::taskId, Collectors.counting()))
                    .values().stream().filter(n -> n > 1).count();
            boolean same = stored.stream().map(TaskResult::seq).toList()
                    .equals(inCache.stream().map(TaskResult::seq).toList());
            System.out.printf(Locale.ROOT, "%nDuckDB (core-b): %d rows, %s the results cache; final results recorded "
                    + "twice %d%n", stored.size(), same ? "the same as" : "NOT the same as", twice);
            return same ? twice : twice + 1;
        }
    }

    /** The same seeded durations each time, so the baseline and the run under kills do the same work. */
    private static Suite suite(String name, int n, long seed) {
        Random random = new Random(seed);
        List<TaskSpec> specs = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String sleep = String.format(Locale.ROOT, "%.1f", 0.2 + random.nextInt(9) / 10.0);
            specs.add(new TaskSpec(String.format(Locale.ROOT, "t%04d", i), "sleep", Map.of("s", sleep),
                    new CommandAction(List.of("sleep", sleep), Map.of(), null), List.of(), 0,
                    Duration.ofSeconds(60), 0, 1));
        }
        return new Suite(name, specs);
    }

    private static RestartableNode node(Path home, Path root, String name, int i, String jvm, String join,
                                        String... config) {
        List<String> args = new ArrayList<>(List.of(config));
        args.addAll(List.of("--port", String.valueOf(DISCOVERY + i), "--comm-port", String.valueOf(COMMUNICATION + i),
                "--client-port", String.valueOf(CLIENT + i), "--join", join,
                "--allow-commands")); // the suite is command tasks; a node without the worker role ignores it
        return new RestartableNode(name, home.resolve("dtf"), root, Map.of("DTF_JAVA_OPTS", jvm), args);
    }

    private static void awaitWorkers(DtfClient client) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (client.workers().size() < WORKERS) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the coordinator sees " + client.workers().size() + " workers");
            }
            Thread.sleep(100);
        }
    }

    private static double totalMemoryGiB() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun
                ? sun.getTotalMemorySize() / (1024.0 * 1024 * 1024) : Double.NaN;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
