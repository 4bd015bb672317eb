package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a command sees of its worker: a clean environment, its own directories, only allowed programs. */
class CommandIsolationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, String> WORKER = Map.of(
            "PATH", System.getenv("PATH"),
            "HOME", "/home/the-worker",
            "DTF_TOKEN", "secret-token-value",
            "AWS_SECRET_ACCESS_KEY", "secret-aws-key",
            "JAVA_HOME", "/opt/jdk");

    @TempDir
    Path data;

    private CommandRunner runner(CommandPolicy policy) {
        return new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES,
                AttemptDirectories.under(data.resolve("attempts"), List.of()), policy, WORKER);
    }

    private static AttemptOutcome run(CommandRunner runner, List<String> argv) {
        return runner.run(new CommandAction(argv, Map.of(), null), "task", Map.of(), TIMEOUT);
    }

    @Test
    void theCommandSeesNoneOfTheWorkersOwnVariables() {
        AttemptOutcome outcome = run(runner(CommandPolicy.ANY), List.of("sh", "-c", "env; echo \"pwd=$(pwd)\""));

        assertEquals(TaskState.PASSED, outcome.status(), outcome.toString());
        String env = outcome.stdoutTail();
        assertFalse(env.contains("secret"), env);
        assertFalse(env.contains("DTF_TOKEN"), env);
        assertFalse(env.contains("AWS_"), env);
        assertFalse(env.contains("JAVA_HOME"), env);
        assertTrue(env.contains("PATH=" + System.getenv("PATH") + "\n"), env);
        String dir = line(env, "pwd=");
        assertTrue(dir.startsWith(data.resolve("attempts").toString()), dir);
        assertEquals(dir, line(env, "HOME="));
        assertEquals(dir + "/" + AttemptDirectories.TEMPORARY, line(env, "TMPDIR="));
        assertFalse(Files.exists(Path.of(dir)), "the attempt's directory is removed after the attempt");
    }

    @Test
    void variablesTheOperatorPassesOnReachTheCommand() {
        AttemptOutcome outcome = run(runner(CommandPolicy.ANY.withPassedVariables(Set.of("JAVA_HOME"))),
                List.of("sh", "-c", "echo \"java=$JAVA_HOME token=${DTF_TOKEN:-none}\""));

        assertEquals("java=/opt/jdk token=none\n", outcome.stdoutTail());
    }

    @Test
    void aProgramOffTheAllowListIsRefusedBeforeItStarts() {
        Path touched = data.resolve("ran");
        AttemptOutcome outcome = run(runner(CommandPolicy.allowing(ExecutableAllowList.parse("sh,python3"))),
                List.of("touch", touched.toString()));

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category(), "the task's fault, not the machine's");
        assertEquals("command 'touch' is not allowed on this worker, which runs only sh, python3 (its dtf node"
                + " --allow-commands list); use one of those, or ask the worker's operator to allow it", outcome.error());
        assertFalse(Files.exists(touched));
    }

    @Test
    void aShellOnTheAllowListRunsWhateverItsScriptRuns() {
        Path touched = data.resolve("ran");
        AttemptOutcome outcome = run(runner(CommandPolicy.allowing(ExecutableAllowList.parse("sh"))),
                List.of("sh", "-c", "touch '" + touched + "'"));

        assertEquals(TaskState.PASSED, outcome.status(), outcome.toString());
        assertTrue(Files.exists(touched), "allowing a shell allows everything: documented, not a hole to close here");
    }

    @Test
    void anAbsolutePathOnTheListAllowsThatFileByNameOnPathButNotAnotherOfTheSameName() throws Exception {
        Path cat = ExecutableAllowList.locate("cat", System.getenv("PATH"), data).orElseThrow();
        CommandRunner runner = runner(CommandPolicy.allowing(ExecutableAllowList.parse(cat.toString())));
        Path other = Files.createDirectories(data.resolve("bin")).resolve("cat");
        Files.copy(cat, other);

        assertEquals(TaskState.PASSED, run(runner, List.of("cat", "/dev/null")).status());
        assertEquals(TaskState.PASSED, run(runner, List.of(cat.toString(), "/dev/null")).status());
        AttemptOutcome copy = run(runner, List.of(other.toString(), "/dev/null"));
        assertEquals(FailureCategory.BAD_DEFINITION, copy.category());
        assertTrue(copy.error().startsWith("command '" + other + "' is not allowed"), copy.error());
    }

    @Test
    void aNameOnTheListDoesNotAllowAProgramOfThatNameElsewhere() throws Exception {
        Path fake = Files.createDirectories(data.resolve("bin")).resolve("sh");
        Files.copy(ExecutableAllowList.locate("sh", System.getenv("PATH"), data).orElseThrow(), fake);

        AttemptOutcome outcome = run(runner(CommandPolicy.allowing(ExecutableAllowList.parse("sh"))),
                List.of(fake.toString(), "-c", "true"));

        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
    }

    @Test
    void withAnAllowListATaskMayNotMakeTheAllowedProgramLoadOtherCode() {
        AttemptOutcome outcome = runner(CommandPolicy.allowing(ExecutableAllowList.parse("sh"))).run(
                new CommandAction(List.of("sh", "-c", "true"), Map.of("LD_PRELOAD", "/tmp/evil.so"), null),
                "task", Map.of(), TIMEOUT);

        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().startsWith("env LD_PRELOAD is refused"), outcome.error());
    }

    @Test
    void aWorkerAllowsNoWorkdirOutsideTheAttemptUnlessItsOperatorListsARootAndLinksDoNotLeadOut() throws Exception {
        Path checkout = Files.createDirectories(data.resolve("checkout"));
        Files.createSymbolicLink(checkout.resolve("etc"), Path.of("/etc"));
        CommandRunner byDefault = runner(CommandPolicy.ANY);
        CommandRunner withRoot = new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES,
                AttemptDirectories.under(data.resolve("attempts"), List.of(checkout)), CommandPolicy.ANY, WORKER);

        for (String workdir : List.of("/etc", "../..", checkout.toString())) {
            AttemptOutcome outcome = byDefault.run(new CommandAction(List.of("ls"), Map.of(), workdir), "t", Map.of(),
                    TIMEOUT);
            assertEquals(FailureCategory.BAD_DEFINITION, outcome.category(), workdir);
            assertTrue(outcome.error().startsWith("workdir '" + workdir + "' is outside the directories this worker"
                    + " allows (only the attempt's own directory); use a path relative to the attempt's own directory,"
                    + " or start the worker with --attr dtf.workdir.roots=DIR[:DIR...]"), outcome.error());
        }
        assertEquals(TaskState.PASSED, withRoot.run(new CommandAction(List.of("ls"), Map.of(), checkout.toString()),
                "t", Map.of(), TIMEOUT).status());
        AttemptOutcome link = withRoot.run(new CommandAction(List.of("ls"), Map.of(), checkout.resolve("etc")
                .toString()), "t", Map.of(), TIMEOUT);
        assertEquals(FailureCategory.BAD_DEFINITION, link.category(), "a link in an allowed root that leads out");
    }

    @Test
    void relativePathsInTheAllowListAreRefusedWithTheFix() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ExecutableAllowList.parse("sh,bin/tool"));
        assertTrue(e.getMessage().startsWith("'bin/tool' is a relative path; allow a program by its name"),
                e.getMessage());
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() ->
                new AssertionError("no line " + prefix + " in " + text)).substring(prefix.length());
    }
}
