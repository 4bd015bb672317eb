package io.dtf.worker.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.ArtifactRef;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.JmhAction;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import io.dtf.worker.command.AttemptDirectories;
import io.dtf.worker.command.CommandPolicy;
import io.dtf.worker.command.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jmh tasks in real JVMs: benchmarks compiled here with JMH's annotation processor, run as short as JMH allows. */
class JmhTaskIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> SHORT = List.of("-wi", "0", "-i", "2", "-r", "100ms");

    @TempDir
    static Path dir;
    private static final DirectoryArtifacts artifacts = new DirectoryArtifacts();
    private static final List<ArtifactRef> classPath = new ArrayList<>();
    private static JmhTaskRunner runner;

    @BeforeAll
    static void compileBenchmarks() throws IOException {
        List<Path> processor = List.of(Fixtures.jar("jmh-generator-annprocess-"), Fixtures.jar("jmh-core-"));
        Path classes = Fixtures.compile("jmh", dir.resolve("classes"), Fixtures.jmhJars(), processor);
        Fixtures.jmhJars().forEach(jar -> classPath.add(artifacts.add(jar)));
        classPath.add(artifacts.add(classes));
        runner = new JmhTaskRunner(new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES,
                AttemptDirectories.under(dir.resolve("attempts"), List.of()), CommandPolicy.ANY), artifacts);
    }

    @Test
    void eachBenchmarkAndParameterSetIsAMetricWithEveryIterationAsASample() {
        List<String> options = new ArrayList<>(List.of("-f", "0"));
        options.addAll(SHORT);
        AttemptOutcome outcome = run("com.example.FastBench", options);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error() + "\n" + outcome.stdoutTail());
        Map<String, Metric> metrics = byName(outcome);
        assertEquals(Set.of("com.example.FastBench.sum[size=10]", "com.example.FastBench.sum[size=100]"),
                metrics.keySet());
        Metric small = metrics.get("com.example.FastBench.sum[size=10]");
        assertEquals("ops/ms", small.unit());
        assertEquals(2, small.samples().size());
        assertTrue(small.mean() > 0, small.toString());
        assertTrue(outcome.stdoutTail().contains("# Benchmark: com.example.FastBench.sum"), "JMH's log is the stdout");
    }

    @Test
    void aBenchmarkThatThrowsFailsTheTaskByNameAndTheOthersAreKept() {
        List<String> options = new ArrayList<>(List.of("-f", "1"));
        options.addAll(SHORT);
        AttemptOutcome outcome = run("com.example.BrokenBench", options);

        assertEquals(TaskState.FAILED, outcome.status(), outcome.error() + "\n" + outcome.stdoutTail()
                + "\n" + outcome.stderrTail());
        assertEquals(FailureCategory.TEST_FAILURE, outcome.category());
        assertTrue(outcome.error().startsWith("1 benchmark failed: com.example.BrokenBench.throwing threw"
                + " java.lang.IllegalStateException: benchmark broke"), outcome.error());
        assertEquals(List.of("com.example.BrokenBench.fine"), List.copyOf(byName(outcome).keySet()));
    }

    @Test
    void anIncludeThatMatchesNoBenchmarkIsABadDefinition() {
        AttemptOutcome outcome = run("com.example.NoSuchBench", List.of("-f", "0"));

        assertEquals(TaskState.ERROR, outcome.status(), outcome.error());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().startsWith("no benchmark on the class path matches the include regex"
                + " 'com.example.NoSuchBench'"), outcome.error());
    }

    private static AttemptOutcome run(String include, List<String> options) {
        return runner.run(new JmhAction(classPath, include, options, List.of(), Map.of(), null), "jmh-it", TIMEOUT);
    }

    private static Map<String, Metric> byName(AttemptOutcome outcome) {
        return outcome.metrics().stream().collect(Collectors.toMap(Metric::name, m -> m));
    }
}
