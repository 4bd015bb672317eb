package io.dtf.bench.grid;

import io.dtf.bench.chaos.RestartableNode;
import io.dtf.client.DtfClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Dispatch under churn: a stream of short no-op tasks on a grid of node processes (one server with
 * the coordinator, data and aggregator roles, eight workers), first undisturbed (the steady rate),
 * then while workers leave (graceful stop and SIGKILL, in turn) and join again every few seconds,
 * then undisturbed again once every worker is back (a second steady window as long as the first).
 * Prints the rate under churn as a share of the mean of the two steady rates (the goal is 80% or
 * more), the drift between them (a grid still warming up climbs from one to the other), tasks lost
 * (no final result, or one that did not pass; must be 0), final results recorded twice, and
 * retries (results of attempts that were not final). Exits 1 when a task was lost.
 *
 * <p>Every node JVM runs on the same machine, so a restarted worker's start-up takes CPU from the
 * grid it joins (on a real grid each worker has a machine of its own). The benchmark measures that:
 * it prints each restarted worker's CPU seconds from start to "up", and a worker started alone beside
 * the idle server first; with worker priority {@code nice}, every worker JVM, in the steady phase as
 * in the churn, runs at a lower CPU priority ({@code nice -n 10}), so that a starting worker takes
 * less from the server's coordinator.
 *
 * <p>Run: {@code benchmarks/run-churn.sh [steady-seconds=30] [churn-seconds=60] [event-every-seconds=5]
 * [join-as=both|server|client] [worker-priority=normal|nice|both]}: with {@code both}, one grid per
 * kind (join-as: workers as server nodes, then as client nodes; priority: normal, then nice), one
 * after the other on the same ports, and a summary.
 */
public final class ChurnBenchmark {
    /** Ports 24500 to 24799. */
    private static final int BASE_PORT = 24500;
    private static final int WORKERS = 8;
    private static final int SLOTS = 8;
    private static final int MIN_UP = 4;
    private static final int RUNNERS = 3;
    private static final int BATCH = 1_000;
    /**
     * Nine JVMs warming up on two cores: the rate climbs for a minute or more. The warm-up lasts at
     * least this long, then until the rate of the last {@link #SETTLE} is no more than 5% above
     * that of the one before, and at most {@link #WARM_UP_MAX}: a steady window that still climbs
     * would make the churn look cheaper than it is. The second steady window, after the churn,
     * brackets it: a grid that climbs all the same shows it as drift between the two.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(50);
    private static final Duration WARM_UP_MAX = Duration.ofSeconds(180);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration BUCKET = Duration.ofSeconds(5);
    /** From the churn's end until every worker is up again and listed, and then this long, before the second steady window. */
    private static final Duration RECOVER = Duration.ofSeconds(10);
    private static final String RUN_RETENTION = "dtf.runs.retention";
    /** How worker JVMs run with worker priority {@code nice}: they yield the CPU to the server's JVM. */
    private static final List<String> NICE = List.of("nice", "-n", "10");

    private ChurnBenchmark() {
    }

    /** What one grid measured: its workers joined as {@code joinAs} nodes, at CPU priority {@code priority}. */
    private record Outcome(String joinAs, String priority, Rates rates, long kills, long stops, long starts,
                           long tasks, long lost, long failed, long finalTwice, long retries, String restarts,
                           boolean ok) {
        String line() {
            return String.format(Locale.ROOT, "%-14s %-6s %s (%d kill -9 / %d stop / %d start); tasks %,d, lost %d, "
                            + "failed %d, final twice %d, retries %d; restarts to up: %s",
                    joinAs + " workers", priority, rates.line(), kills, stops, starts, tasks, lost, failed, finalTwice,
                    retries, restarts);
        }
    }

    /** Tasks per second in the steady window before the churn, under churn, and in the steady window after it. */
    private record Rates(double before, double churn, double after) {
        double steady() {
            return (before + after) / 2;
        }

        double share() {
            return 100 * churn / steady();
        }

        double drift() {
            return 100 * (after - before) / before;
        }

        String line() {
            return String.format(Locale.ROOT, "steady %6.0f then %6.0f tasks/s (drift %+4.0f%%), under churn %6.0f "
                    + "tasks/s = %3.0f%% of their mean", before, after, drift(), churn, share());
        }
    }

    public static void main(String[] args) throws Exception {
        Duration steady = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        Duration churning = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        Duration every = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5);
        String modes = args.length > 3 ? args[3] : "both";
        List<String> joinAs = switch (modes) {
            case "both" -> List.of("server", "client");
            case "server", "client" -> List.of(modes);
            default -> throw new IllegalArgumentException("join-as: '" + modes + "' is not one of both, server, client");
        };
        String priorities = args.length > 4 ? args[4] : "normal";
        List<String> priority = switch (priorities) {
            case "both" -> List.of("normal", "nice");
            case "normal", "nice" -> List.of(priorities);
            default -> throw new IllegalArgumentException("worker-priority: '" + priorities
                    + "' is not one of normal, nice, both");
        };
        Path home = Path.of(System.getProperty("dtf.home", "..")).toAbsolutePath().normalize();
        List<Outcome> outcomes = new ArrayList<>();
        for (String mode : joinAs) {
            for (String p : priority) {
                System.out.println("=== workers as " + mode + " nodes (dtf node --join-as " + mode + "), priority " + p
                        + (p.equals("nice") ? " (" + String.join(" ", NICE) + ")" : "") + " ===");
                outcomes.add(run(home, mode, p, steady, churning, every));
                System.out.println();
            }
        }
        System.out.println("summary (each its own grid, one after the other; goal >= 80% of the steady rate, the mean of the "
                + "windows before and after the churn, under churn):");
        outcomes.forEach(o -> System.out.println("  " + o.line()));
        System.exit(outcomes.stream().allMatch(Outcome::ok) ? 0 : 1);
    }

    /** One grid whose workers join as {@code joinAs} nodes: warm-up, steady window, churn, drain. */
    private static Outcome run(Path home, String joinAs, String priority, Duration steady, Duration churning,
                               Duration every) throws Exception {
        LocalGrid grid = new LocalGrid(home, Path.of("target", "churn-benchmark", joinAs + "-" + priority).toAbsolutePath(),
                BASE_PORT, priority.equals("nice") ? NICE : List.of());
        // Ended runs are forgotten after 15 s, not 10 min: the runs a 512 MiB coordinator holds would otherwise fill
        // its heap budget (about 64 runs of 1,000), and it refuses new runs (the stream stops); at 2,000 tasks/s
        // 30 s was already too long.
        RestartableNode server = grid.server("server", 0, "coordinator,data,aggregator", "-D" + RUN_RETENTION + "=15s");
        List<RestartableNode> workers = new ArrayList<>();
        for (int i = 1; i <= WORKERS; i++) {
            workers.add(grid.worker("worker-" + i, i, "--slots", String.valueOf(SLOTS), "--join-as", joinAs));
        }
        try {
            aloneBesideTheServer(home, server, workers.get(0));
            server.start();
            RestartableNode.startAll(workers);
            try (DtfClient client = grid.client(0)) {
                LocalGrid.awaitWorkers(client, WORKERS, Duration.ofSeconds(120));
                System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; grid: 1 server (coordinator,data,aggregator) and "
                                + "%d workers x %d slots (%s nodes), each its own JVM (workers %s)%n",
                        Runtime.getRuntime().availableProcessors(), Runtime.version(), WORKERS, SLOTS, joinAs,
                        LocalGrid.WORKER_JVM);
                System.out.printf(Locale.ROOT, "stream: %d runs in flight, %,d no-op tasks each; warm-up %d s, steady %d s, "
                                + "churn %d s (an event every %d s, at least %d workers up), every worker up again and "
                                + "%d s more, steady %d s%n%n", RUNNERS, BATCH, WARM_UP.toSeconds(), steady.toSeconds(),
                        churning.toSeconds(), every.toSeconds(), MIN_UP, RECOVER.toSeconds(), steady.toSeconds());

                TaskStream stream = new TaskStream(client, RUNNERS, BATCH);
                Instant start = Instant.now();
                stream.start();
                Thread.sleep(WARM_UP.toMillis());
                while (Duration.between(start, Instant.now()).compareTo(WARM_UP_MAX) < 0) {
                    Instant now = Instant.now();
                    double last = stream.rate(now.minus(SETTLE), now);
                    if (last <= 1.05 * stream.rate(now.minus(SETTLE.multipliedBy(2)), now.minus(SETTLE))) {
                        break;
                    }
                    Thread.sleep(SETTLE.toMillis());
                }
                System.out.printf(Locale.ROOT, "warm-up: %d s (at least %d s, then until the rate stopped climbing, at "
                        + "most %d s)%n", Duration.between(start, Instant.now()).toSeconds(), WARM_UP.toSeconds(),
                        WARM_UP_MAX.toSeconds());
                Instant steadyFrom = Instant.now();
                Thread.sleep(steady.toMillis());
                Instant churnFrom = Instant.now();
                Instant churnTo = churnFrom.plus(churning);
                Churn churn = new Churn(workers, every, MIN_UP, 1);
                try (churn) {
                    churn.run(churnTo);
                    Thread.sleep(Math.max(0, Duration.between(Instant.now(), churnTo).toMillis()));
                    churn.rejoinAll();
                } // closing waits for the starts and stops under way
                List<Churn.Event> events = churn.events();
                List<String> churnFailures = churn.failures();
                String restarts = startRanges(churn.starts());

                List<String> startedAgain = everyWorkerUp(client, workers);
                Instant allUp = Instant.now();
                Thread.sleep(RECOVER.toMillis());
                Instant afterFrom = Instant.now();
                Thread.sleep(steady.toMillis());
                Instant afterTo = Instant.now();
                stream.stopAndDrain();
                Instant end = Instant.now();

                Rates rates = new Rates(stream.rate(steadyFrom, churnFrom), stream.rate(churnFrom, churnTo),
                        stream.rate(afterFrom, afterTo));
                System.out.println("tasks/s per " + BUCKET.toSeconds() + " s (time from the stream's start):");
                for (Instant t = start; t.isBefore(end); t = t.plus(BUCKET)) {
                    String phase = t.isBefore(steadyFrom) ? "warm-up" : t.isBefore(churnFrom) ? "steady"
                            : t.isBefore(churnTo) ? "churn" : t.isBefore(afterFrom) ? "recover"
                            : t.isBefore(afterTo) ? "steady" : "drain";
                    System.out.printf(Locale.ROOT, "  %5d s  %-8s %8.0f%n", Duration.between(start, t).toSeconds(), phase,
                            stream.rate(t, t.plus(BUCKET)));
                }
                System.out.println("\nchurn events (s from the churn's start):");
                events.forEach(e -> System.out.println("  " + e));
                long kills = events.stream().filter(e -> e.what().equals("kill -9")).count();
                long stops = events.stream().filter(e -> e.what().equals("stop")).count();
                long starts = events.stream().filter(e -> e.what().equals("start")).count();
                System.out.printf(Locale.ROOT, "%nevery worker up and listed %.1f s after the churn's end%s; second steady "
                        + "window from %.0f s after it%n", Duration.between(churnTo, allUp).toMillis() / 1000.0,
                        startedAgain.isEmpty() ? "" : " (started again after failed starts: " + startedAgain + ")",
                        Duration.between(churnTo, afterFrom).toMillis() / 1000.0);
                System.out.printf(Locale.ROOT, "%nsteady rate before   %8.0f tasks/s%n", rates.before());
                System.out.printf(Locale.ROOT, "steady rate after    %8.0f tasks/s (drift %+.0f%%; mean %.0f tasks/s)%n",
                        rates.after(), rates.drift(), rates.steady());
                System.out.printf(Locale.ROOT, "rate under churn     %8.0f tasks/s = %.0f%% of the steady mean (goal >= 80%%); "
                        + "%d kill -9, %d graceful stops, %d starts%n", rates.churn(), rates.share(), kills, stops, starts);
                // The second window starts later after the churn than the first ends before it: with drift, the mean
                // stands for a moment after the churn's middle. The straight line between the windows does not.
                double line = rates.before() + (rates.after() - rates.before())
                        * seconds(steadyFrom.plus(steady.dividedBy(2)), churnFrom.plus(churning.dividedBy(2)))
                        / seconds(steadyFrom.plus(steady.dividedBy(2)), afterFrom.plus(steady.dividedBy(2)));
                System.out.printf(Locale.ROOT, "                              = %.0f%% of %.0f tasks/s, the straight line "
                        + "between the two steady windows at the churn's middle%n", 100 * rates.churn() / line, line);
                System.out.println("restarted workers from start to up: " + restarts);
                System.out.printf(Locale.ROOT, "tasks submitted %,d, completed %,d, lost %d, failed %d, final twice %d, "
                                + "retries %d%n", stream.submitted(), stream.completed(), stream.lost(), stream.failed(),
                        stream.finalTwice(), stream.retries());
                stream.errors().forEach(e -> System.out.println("error: " + e));
                churnFailures.forEach(e -> System.out.println("churn failure: " + e));
                boolean ok = stream.lost() == 0 && stream.failed() == 0 && stream.finalTwice() == 0
                        && stream.errors().isEmpty();
                return new Outcome(joinAs, priority, rates, kills, stops, starts, stream.submitted(),
                        stream.lost(), stream.failed(), stream.finalTwice(), stream.retries(), restarts, ok);
            }
        } finally {
            for (int i = workers.size() - 1; i >= 0; i--) {
                workers.get(i).stop();
            }
            server.stop();
        }
    }

    /**
     * Starts again, all at once, every worker still down (a start of the churn's that failed) and waits
     * until the coordinator lists exactly the eight; returns the names of those started.
     */
    private static List<String> everyWorkerUp(DtfClient client, List<RestartableNode> workers) throws Exception {
        List<RestartableNode> down = workers.stream().filter(w -> !w.isUp()).toList();
        if (!down.isEmpty()) {
            RestartableNode.startAll(down);
        }
        LocalGrid.awaitWorkers(client, workers.stream().map(RestartableNode::nodeId).collect(Collectors.toSet()),
                Duration.ofSeconds(120));
        return down.stream().map(RestartableNode::name).toList();
    }

    /**
     * Starts the server, then one worker alone beside it (no stream, no other start), and prints that
     * worker's wall and CPU seconds to "up"; stops both gracefully. A build whose node JVMs have no
     * class-data archive yet gets them here (config/README.md, "Class-data sharing"): each node writes
     * one as it stops, so the worker is started alone once more, now with its archive.
     */
    private static void aloneBesideTheServer(Path home, RestartableNode server, RestartableNode worker)
            throws Exception {
        long before = archives(home);
        server.start();
        try {
            for (int round = 0; round < 2; round++) {
                Instant at = Instant.now();
                worker.start();
                System.out.printf(Locale.ROOT, "a worker alone beside the idle server: up %.1f s after its start, %.1f s "
                        + "of CPU (class-data archives: %d)%n", Duration.between(at, Instant.now()).toMillis() / 1000.0,
                        worker.cpuToUp().toMillis() / 1000.0, archives(home));
                worker.stop();
                if (before >= 2 || round == 1) { // one for the server's JVM options, one for the workers'
                    break;
                }
                // Its archive is written as it stops; the server's as the server stops, so restart it too.
                server.stop();
                server.start();
            }
        } finally {
            server.stop();
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** The class-data archives the launcher keeps for this build ({@code DTF_CDS_DIR} or its default). */
    private static long archives(Path home) throws IOException {
        String dir = System.getenv("DTF_CDS_DIR");
        Path cds = dir != null ? Path.of(dir) : home.resolve("grid-node/target/cds");
        if (!Files.isDirectory(cds)) {
            return 0;
        }
        try (var files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).count();
        }
    }

    /** Restarts' wall and CPU seconds to "up", as ranges. */
    private static String startRanges(List<Churn.Start> starts) {
        if (starts.isEmpty()) {
            return "none reached up";
        }
        var wall = starts.stream().mapToDouble(Churn.Start::seconds).summaryStatistics();
        var cpu = starts.stream().mapToDouble(Churn.Start::cpuSeconds).summaryStatistics();
        return String.format(Locale.ROOT, "%d, %.0f-%.0f s, %.1f-%.1f s of CPU (mean %.1f)", starts.size(), wall.getMin(),
                wall.getMax(), cpu.getMin(), cpu.getMax(), cpu.getAverage());
    }
}
