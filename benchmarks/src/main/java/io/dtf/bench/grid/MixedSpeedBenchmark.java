package io.dtf.bench.grid;

import io.dtf.bench.chaos.RestartableNode;
import io.dtf.client.DtfClient;
import io.dtf.coordinator.CoordinatorSettings;
import io.dtf.coordinator.Placement;
import io.dtf.coordinator.ignite.CoordinatorService;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same skewed suite of CPU-bound command tasks on a real grid of workers that run at different
 * speeds, placed once by a first-free coordinator and once by DTF's default placement, against the
 * lower bound no placement can beat, in one run.
 *
 * <p>The grid: a data node (data, aggregator), a coordinator node of its own (so that the
 * coordinator can be restarted with another placement while the caches, the DuckDB history and
 * the workers stay), and four one-slot workers, each its own JVM, declaring their hardware class
 * ({@code --attr dtf.hw.class=...}): {@code fast}, {@code mid} and two {@code slow}. Their
 * commands are duty-cycled by {@link DutyCycle} to 4, 2 and 1 of every 8 steps, so a CPU-bound
 * command runs about 4, 2 and 1 times as fast on them.
 *
 * <p>Order: a calibration run (one identical task pinned to each worker, all at once: the speed
 * ratio measured), a warm-up run of the suite (history for the duration estimates), the suite
 * under {@code first_free}, then the coordinator restarted with DTF's default and the suite again.
 * The suite's size is set from the calibrated speeds so that its lower bound is about
 * {@code target-bound-seconds} whatever else the machine runs at the time. The long tasks come
 * last in the suite ({@code long-last}, the case where a first-free placement starts one of them
 * on a slow worker at the end) or shuffled among the others ({@code shuffled}).
 *
 * <p>Run: {@code benchmarks/run-mixed-speed.sh [seed=1] [target-bound-seconds=30] [long-last|shuffled]}.
 */
public final class MixedSpeedBenchmark {
    /** Ports 24100 to 24399. */
    private static final int BASE_PORT = 24100;
    private static final int DATA = 0;
    private static final int COORDINATOR = 1;
    private static final List<WorkerClass> WORKERS = List.of(new WorkerClass("fast", 4), new WorkerClass("mid", 2),
            new WorkerClass("slow", 1), new WorkerClass("slow", 1));
    private static final SpinTasks.Mix MIX = new SpinTasks.Mix(3, 30, 10, 6, 50, 1);
    private static final long CALIBRATION_ITERATIONS = 600_000;
    private static final String SUITE = "mixed-speed";

    /** A worker's declared hardware class and the steps of {@value DutyCycle#STEPS} its commands run. */
    private record WorkerClass(String hwClass, int runSteps) {
    }

    private MixedSpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 1;
        double targetBound = args.length > 1 ? Double.parseDouble(args[1]) : 30;
        String order = args.length > 2 ? args[2] : "long-last";
        if (!order.equals("long-last") && !order.equals("shuffled")) {
            throw new IllegalArgumentException("order: '" + order + "'; use long-last or shuffled");
        }
        Path home = Path.of(System.getProperty("dtf.home", "..")).toAbsolutePath().normalize();
        LocalGrid grid = new LocalGrid(home, Path.of("target", "mixed-speed-benchmark").toAbsolutePath(), BASE_PORT);

        RestartableNode data = grid.server("data", DATA, "data,aggregator", "");
        RestartableNode coordinator = coordinator(grid, Placement.FIRST_FREE);
        List<RestartableNode> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS.size(); i++) {
            WorkerClass w = WORKERS.get(i);
            workers.add(grid.worker(w.hwClass() + "-" + (i + 1), 2 + i, "--slots", "1", "--allow-commands=sh",
                    "--attr", "dtf.hw.class=" + w.hwClass()));
        }
        List<RestartableNode> all = new ArrayList<>(List.of(data, coordinator));
        all.addAll(workers);
        try {
            data.start();
            coordinator.start();
            RestartableNode.startAll(workers);
            Map<Long, Integer> runSteps = new LinkedHashMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            for (int i = 0; i < workers.size(); i++) {
                runSteps.put(workers.get(i).pid(), WORKERS.get(i).runSteps());
                names.put(workers.get(i).nodeId(), workers.get(i).name());
            }
            try (DutyCycle limits = new DutyCycle(runSteps); DtfClient client = grid.client(DATA)) {
                LocalGrid.awaitWorkers(client, workers.size(), Duration.ofSeconds(60));
                System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; grid: data node (data,aggregator), coordinator "
                                + "node, %d one-slot workers, each its own JVM; commands run %s of every %d steps of %d ms%n",
                        Runtime.getRuntime().availableProcessors(), Runtime.version(), workers.size(),
                        WORKERS.stream().map(w -> w.hwClass() + " " + w.runSteps()).toList(), DutyCycle.STEPS,
                        DutyCycle.STEP_MILLIS);

                Map<String, Double> calibrated = calibrate(client, workers);
                RestartableNode fast = workers.get(0);
                double slow = calibrated.get(workers.get(2).nodeId());
                System.out.println("calibration (" + CALIBRATION_ITERATIONS + " iterations on each worker at once), M it/s: "
                        + workers.stream().map(w -> String.format(Locale.ROOT, "%s %.2f (%.2fx slow-3)", w.name(),
                                calibrated.get(w.nodeId()) / 1e6, calibrated.get(w.nodeId()) / slow)).toList());
                double capacity = calibrated.values().stream().mapToDouble(Double::doubleValue).sum();
                long unit = Math.max(1_000, Math.round(targetBound * capacity / MIX.totalUnits() / 1_000) * 1_000);
                Suite suite = SpinTasks.skewed(SUITE, seed, MIX, unit, order.equals("long-last"));
                System.out.printf(Locale.ROOT, "suite: %d tasks of sh counting, a unit %,d iterations (a bound of about "
                        + "%.0f s at the calibrated speeds): %s, %s, seed %d%n", MIX.tasks(), unit, targetBound, MIX,
                        order, seed);
                System.out.printf(Locale.ROOT, "warm-up run (history for the estimates): %.1f s%n%n",
                        run(client, suite).makespan(names, calibrated, "warm-up").seconds());

                List<Makespan> measured = new ArrayList<>();
                measured.add(run(client, suite).makespan(names, calibrated, "first_free"));
                measured.get(0).print(System.out);
                coordinator.stop();
                coordinator = coordinator(grid, CoordinatorSettings.defaults().placement());
                all.set(COORDINATOR, coordinator);
                coordinator.start();
                LocalGrid.awaitWorkers(client, workers.size(), Duration.ofSeconds(60));
                measured.add(run(client, suite).makespan(names, calibrated,
                        CoordinatorSettings.defaults().placement().name().toLowerCase(Locale.ROOT) + " (default)"));
                measured.get(1).print(System.out);
                Makespan ff = measured.get(0);
                Makespan dtf = measured.get(1);
                System.out.printf(Locale.ROOT, "%nDTF's default against first_free: makespan %.1f s against %.1f s (%+.0f%%); "
                                + "fastest worker %s%n", dtf.seconds(), ff.seconds(),
                        100 * (dtf.seconds() - ff.seconds()) / ff.seconds(), fast.name());
            }
        } finally {
            for (int i = all.size() - 1; i >= 0; i--) {
                all.get(i).stop();
            }
        }
    }

    private static RestartableNode coordinator(LocalGrid grid, Placement placement) {
        String name = placement.name().toLowerCase(Locale.ROOT);
        return grid.server("coordinator-" + name.replace('_', '-'), COORDINATOR, "coordinator",
                "-D" + CoordinatorService.PLACEMENT_PROPERTY + "=" + name);
    }

    /** One identical task pinned to each worker by its class, all at once; iterations per second per worker node id. */
    private static Map<String, Double> calibrate(DtfClient client, List<RestartableNode> workers) throws Exception {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            tasks.add(SpinTasks.task("c" + (i + 1), CALIBRATION_ITERATIONS,
                    List.of(Requirement.parse("hw.class == " + WORKERS.get(i).hwClass()))));
        }
        Timed timed = run(client, new Suite("mixed-speed-calibration", tasks));
        Map<String, Double> speeds = new LinkedHashMap<>();
        for (TaskResult r : timed.results()) {
            if (r.finalAttempt()) {
                speeds.put(r.nodeId(), CALIBRATION_ITERATIONS / (Duration.between(r.startedAt(), r.endedAt()).toMillis() / 1000.0));
            }
        }
        for (RestartableNode w : workers) {
            if (!speeds.containsKey(w.nodeId())) {
                throw new IllegalStateException("calibration: no task ran on " + w.name() + "; ran on " + speeds.keySet());
            }
        }
        return speeds;
    }

    private record Timed(Instant submitted, List<TaskResult> results) {
        Makespan makespan(Map<String, String> names, Map<String, Double> calibrated, String placement) {
            return Makespan.of(placement, submitted, results, names, calibrated);
        }
    }

    private static Timed run(DtfClient client, Suite suite) throws Exception {
        Instant submitted = Instant.now();
        String runId = client.submit(suite);
        List<TaskResult> results = new ArrayList<>();
        RunView done = client.await(runId, Duration.ofMinutes(10), results::add);
        if (!done.passed()) {
            throw new IllegalStateException(suite.name() + " did not pass: " + done);
        }
        return new Timed(submitted, results);
    }
}
