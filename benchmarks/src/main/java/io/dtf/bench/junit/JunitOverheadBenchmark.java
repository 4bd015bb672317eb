package io.dtf.bench.junit;

import io.dtf.client.DtfClient;
import io.dtf.model.ArtifactRef;
import io.dtf.model.JunitAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of the {@code junit} task type against Surefire's own fork, for the same classes of tests that
 * do nothing. Surefire's cost is {@code mvn surefire:test} less {@code mvn surefire:test -DskipTests} (Maven
 * and the plugin's set-up, without the fork); DTF's is submit to done of a {@code junit} task on a one-node
 * grid with the classes' artifacts already uploaded: once as one task naming every class (as Surefire's one
 * fork runs them), once as one task per class (the most a plan splits them). Medians of the rounds.
 *
 * <p>Run: {@code benchmarks/run-junit-overhead.sh [classes=50] [rounds=3]}.
 */
public final class JunitOverheadBenchmark {
    private static final int PORTS = 21670;

    public static void main(String[] args) throws Exception {
        int classes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path home = Path.of(System.getProperty("dtf.home", "..")).toAbsolutePath();
        Path work = Path.of("target", "junit-overhead").toAbsolutePath();
        SkewedSuite suite = SkewedSuite.write(work.resolve("suite"), classes, SkewedSuite.instant());
        ProjectArtifacts.compile(suite, work.resolve("logs/compile.log"), false);
        int tests = suite.tests();

        long[] surefire = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long with = Maven.run(suite.dir(), work.resolve("logs/surefire.log"), List.of("surefire:test")).millis();
            SurefireReports.read(suite.dir().resolve("target/surefire-reports")).requireAllPassed(tests, "surefire");
            long without = Maven.run(suite.dir(), work.resolve("logs/surefire-skip.log"),
                    List.of("surefire:test", "-DskipTests")).millis();
            surefire[r] = with - without;
        }

        double surefireMs = median(surefire);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; %d classes, %d tests that do nothing, %d rounds, "
                + "one slot%n%n", Runtime.getRuntime().availableProcessors(), Runtime.version(), classes, tests, rounds);
        System.out.printf(Locale.ROOT, "%-36s %10s %12s %14s%n", "run", "median ms", "ms / test", "ms / task");
        System.out.printf(Locale.ROOT, "%-36s %10.0f %12.2f %14.0f%n", "surefire, one fork", surefireMs,
                surefireMs / tests, surefireMs);

        long[] oneTask = new long[rounds];
        long[] perClass = new long[rounds];
        try (OneNodeGrid grid = OneNodeGrid.start(home, work.resolve("grid"), PORTS)) {
            var artifacts = ProjectArtifacts.of(suite, work.resolve("pack"));
            grid.client().upload(artifacts);
            List<ArtifactRef> classpath = ProjectArtifacts.refs(artifacts);
            List<String> all = suite.classes().stream().map(c -> "class:" + c.name()).toList();
            run(grid.client(), "warm-up", List.of(task("all", classpath, all)), tests);
            for (int r = 0; r < rounds; r++) {
                oneTask[r] = run(grid.client(), "one-task-" + r, List.of(task("all", classpath, all)), tests);
                List<TaskSpec> each = new ArrayList<>();
                for (int c = 0; c < all.size(); c++) {
                    each.add(task(String.format(Locale.ROOT, "class-%03d", c + 1), classpath, List.of(all.get(c))));
                }
                perClass[r] = run(grid.client(), "per-class-" + r, each, tests);
            }
        }

        double one = median(oneTask);
        System.out.printf(Locale.ROOT, "%-36s %10.0f %12.2f %14.0f%n", "dtf junit, one task", one, one / tests, one);
        double each = median(perClass);
        System.out.printf(Locale.ROOT, "%-36s %10.0f %12.2f %14.0f%n", "dtf junit, one task per class", each,
                each / tests, each / classes);
        System.out.printf(Locale.ROOT, "%ndtf one task - surefire: %+.0f ms in all, %+.2f ms per test%n", one - surefireMs,
                (one - surefireMs) / tests);
    }

    private static TaskSpec task(String id, List<ArtifactRef> classpath, List<String> selectors) {
        JunitAction action = new JunitAction(classpath, selectors, null, null, null, Map.of(), Map.of(), null);
        return new TaskSpec(id, id, Map.of(), action, List.of(), 0, Duration.ofMinutes(10), 0, 1);
    }

    /** Submits the tasks as one run and waits for it; its wall time in ms, once every test is seen passed. */
    private static long run(DtfClient client, String name, List<TaskSpec> tasks, int tests) throws Exception {
        long start = System.nanoTime();
        String runId = client.submit(new Suite("junit-overhead-" + name, tasks));
        RunView done = client.await(runId, Duration.ofMinutes(30), r -> { });
        long millis = (System.nanoTime() - start) / 1_000_000;
        long passed = client.results(runId).stream().filter(TaskResult::finalAttempt)
                .flatMap(r -> r.tests().stream()).filter(t -> t.status() == TestStatus.PASSED).count();
        if (!done.passed() || passed != tests) {
            throw new IllegalStateException(name + ": " + passed + " of " + tests + " tests passed; run " + done.counts());
        }
        return millis;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
