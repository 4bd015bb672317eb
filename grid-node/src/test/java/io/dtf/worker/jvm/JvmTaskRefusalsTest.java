package io.dtf.worker.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.benchmark.Benchmarks;
import io.dtf.model.ArtifactRef;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.JmhAction;
import io.dtf.model.JunitAction;
import io.dtf.model.TaskAction;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.worker.TaskExecutor;
import io.dtf.worker.benchmark.BenchmarkRunner;
import io.dtf.worker.command.AttemptDirectories;
import io.dtf.worker.command.CommandPolicy;
import io.dtf.worker.command.CommandRunner;
import io.dtf.worker.command.ExecutableAllowList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** junit and jmh tasks a worker refuses before it starts a JVM, each with a sentence naming what and why. */
class JvmTaskRefusalsTest {
    private static final ArtifactRef JAR = new ArtifactRef("a".repeat(64), "tests.jar", 10, ArtifactRef.Kind.FILE);

    @TempDir
    Path dir;

    @Test
    void aWorkerWhoseAllowListLacksJavaRefusesJunitAndJmhNamingJava() {
        TaskExecutor executor = executor(CommandPolicy.allowing(ExecutableAllowList.parse("sh,python3")));

        for (TaskAction action : List.of(junit(List.of("class:com.example.T")), jmh(List.of()))) {
            AttemptOutcome outcome = executor.execute(spec(action));

            assertEquals(TaskState.ERROR, outcome.status());
            assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
            // Refused before the class path is fetched: the jar is not in the store, yet the message is about java.
            assertTrue(outcome.error().startsWith("command 'java' is not allowed on this worker, which runs only sh,"
                    + " python3"), outcome.error());
        }
    }

    @Test
    void aWorkerThatDidNotOptInOrHasNoArtifactsAnswersAnError() {
        AttemptOutcome notOptedIn = new TaskExecutor(false).execute(spec(junit(List.of("class:com.example.T"))));
        AttemptOutcome noArtifacts = new TaskExecutor(true).execute(spec(jmh(List.of())));

        assertEquals(FailureCategory.INFRASTRUCTURE, notOptedIn.category());
        assertEquals("this worker does not run junit tasks, which run the submitter's code (its operator did not start"
                + " it with --allow-commands)", notOptedIn.error());
        assertEquals(FailureCategory.INFRASTRUCTURE, noArtifacts.category());
        assertEquals("jmh task t: this worker has no store of artifacts, so it cannot fetch the class path",
                noArtifacts.error());
    }

    @Test
    void jmhOptionsThatChooseWhereResultsGoAreRefusedByName() {
        TaskExecutor executor = executor(CommandPolicy.ANY);

        for (String option : List.of("-rf", "-rff", "-o", "-rff=out.json")) {
            AttemptOutcome outcome = executor.execute(spec(jmh(List.of("-f", "1", option, "x"))));

            assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
            assertTrue(outcome.error().startsWith("jmh task t: options has " + option.replaceFirst("=.*", "")
                    + ", which the worker sets"), outcome.error());
        }
    }

    @Test
    void junitSelectorsAndPropertiesAreChecked() {
        TaskExecutor executor = executor(CommandPolicy.ANY);

        assertEquals("junit task t: selectors is empty; name at least one test, e.g. class:com.example.ParserTest",
                executor.execute(spec(junit(List.of()))).error());
        assertTrue(executor.execute(spec(junit(List.of("test:com.example.T")))).error()
                .startsWith("junit task t: selector 'test:com.example.T' is not one of class:NAME"));
        JunitAction badProperty = new JunitAction(List.of(JAR), List.of("class:T"), null, null, null,
                Map.of("a b", "1"), null, null);
        assertTrue(executor.execute(spec(badProperty)).error()
                .startsWith("junit task t: systemProperties has the name 'a b'"));
    }

    @Test
    void aJarThatIsNotAZipIsNamedBeforeAJvmStarts() throws IOException {
        DirectoryArtifacts artifacts = new DirectoryArtifacts();
        ArtifactRef broken = artifacts.add(Files.writeString(dir.resolve("broken.jar"), "not a zip"));
        CommandRunner commands = new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES,
                AttemptDirectories.under(dir.resolve("attempts"), List.of()), CommandPolicy.ANY);

        AttemptOutcome outcome = new JunitTaskRunner(commands, artifacts).run(new JunitAction(List.of(broken),
                List.of("class:T"), null, null, null, null, null, null), "t", Duration.ofSeconds(30));

        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().startsWith("classpath[0] broken.jar (sha256 " + broken.sha256()
                + ") is not a jar (a zip file): "), outcome.error());
    }

    private TaskExecutor executor(CommandPolicy policy) {
        CommandRunner commands = new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES,
                AttemptDirectories.under(dir, List.of()), policy);
        return new TaskExecutor(true, commands, new BenchmarkRunner(Benchmarks.standard()), new DirectoryArtifacts());
    }

    private static JunitAction junit(List<String> selectors) {
        return new JunitAction(List.of(JAR), selectors, null, null, null, null, null, null);
    }

    private static JmhAction jmh(List<String> options) {
        return new JmhAction(List.of(JAR), "", options, null, null, null);
    }

    private static TaskSpec spec(TaskAction action) {
        return new TaskSpec("t", "t", Map.of(), action, List.of(), 0, Duration.ofSeconds(30), 0, 0);
    }
}
