package io.dtf.bench.junit;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Test distribution: a generated suite of test classes with skewed, known durations, run in one go by
 * Surefire (one fork, the classes one after the other), then by DTF's Maven plugin on a grid of
 * {@code dtf node} processes with four one-slot workers, twice: without history (the plan's fallback)
 * and with the durations the first run recorded. Both are measured against the ideal, the total work
 * divided by the workers. The goal is within 15% of the ideal.
 *
 * <p>Run: {@code benchmarks/run-junit-distribution.sh [classes=200] [workers=4] [seed=1]}. Wall times are
 * Maven's, start to exit, for both (each includes Maven's own start, about 2 s here); the classes are
 * compiled before either runs.
 */
public final class JunitDistributionBenchmark {
    private static final int PORTS = 21600;

    public static void main(String[] args) throws Exception {
        int classes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Path home = Path.of(System.getProperty("dtf.home", "..")).toAbsolutePath();
        Path work = Path.of("target", "junit-distribution").toAbsolutePath();
        PluginRun plugin = PluginRun.fromSystemProperties();

        SkewedSuite suite = SkewedSuite.write(work.resolve("suite"), classes, SkewedSuite.skewed(new Random(seed)));
        double ideal = suite.totalMillis() / 1000.0 / workers;
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; %d classes, %d tests, %.1f s of work (seed %d), "
                        + "%d workers of one slot%n", Runtime.getRuntime().availableProcessors(), Runtime.version(),
                classes, suite.tests(), suite.totalMillis() / 1000.0, seed, workers);
        Maven.run(suite.dir(), work.resolve("logs/compile.log"), List.of("test-compile"));

        System.out.printf(Locale.ROOT, "%n%-44s %9s %10s%n", "run", "wall s", "/ ideal");
        row("ideal (work / " + workers + " workers)", ideal, ideal);
        Maven.Run surefire = Maven.run(suite.dir(), work.resolve("logs/surefire.log"), List.of("surefire:test"));
        SurefireReports.read(suite.dir().resolve("target/surefire-reports")).requireAllPassed(suite.tests(), "surefire");
        row("surefire, one fork, sequential", surefire.seconds(), ideal);

        try (GridProcesses grid = GridProcesses.start(home, work.resolve("grid"), PORTS, workers)) {
            for (String history : List.of("no history", "with history")) {
                Maven.Run run = plugin.test(suite.dir(), work.resolve("logs/dtf-" + history.replace(' ', '-') + ".log"),
                        grid.address());
                SurefireReports.read(suite.dir().resolve("target/dtf-reports")).requireAllPassed(suite.tests(), "dtf");
                row("dtf plugin, " + workers + " workers, " + history, run.seconds(), ideal);
            }
        }
        System.out.printf(Locale.ROOT, "logs: %s%n", work.resolve("logs"));
    }

    private static void row(String label, double seconds, double ideal) {
        System.out.printf(Locale.ROOT, "%-44s %9.1f %9.2fx%n", label, seconds, seconds / ideal);
    }
}
