package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int TAIL = CommandRunner.DEFAULT_TAIL_BYTES;
    // The tail plus its one-line note of how much was dropped.
    private static final int TAIL_WITH_NOTE = TAIL + 64;

    private final CommandRunner runner = new CommandRunner();
    private final List<Long> pidsToReap = new ArrayList<>();

    @AfterEach
    void killWhatATestLeftBehind() {
        pidsToReap.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void exitCodeZeroPassesWithTheOutputKept() {
        AttemptOutcome outcome = sh("echo hello; echo oops >&2");

        assertEquals(TaskState.PASSED, outcome.status());
        assertEquals(0, outcome.exitCode());
        assertEquals("hello\n", outcome.stdoutTail());
        assertEquals("oops\n", outcome.stderrTail());
        assertNull(outcome.error());
        assertNull(outcome.category());
        assertFalse(outcome.endedAt().isBefore(outcome.startedAt()));
    }

    @Test
    void aCommandThatExitsAtOncePassesWithNothingToReport() {
        AttemptOutcome outcome = runner.run(new CommandAction(List.of("true"), Map.of(), null), "quick", Map.of(),
                TIMEOUT);

        assertEquals(TaskState.PASSED, outcome.status());
        assertEquals(0, outcome.exitCode());
        assertEquals("", outcome.stdoutTail());
        assertEquals("", outcome.stderrTail());
        assertEquals(List.of(), outcome.metrics());
    }

    @Test
    void aNonZeroExitFailsWithTheCodeAndTheLastLineOfStderr() {
        AttemptOutcome outcome = sh("echo 'first problem' >&2; echo 'it broke' >&2; echo; exit 3");

        assertEquals(TaskState.FAILED, outcome.status());
        assertEquals(FailureCategory.TEST_FAILURE, outcome.category());
        assertEquals(3, outcome.exitCode());
        assertEquals("exit code 3: it broke", outcome.error());
        assertEquals("exit code 7", sh("exit 7").error());
    }

    @Test
    void aProcessKilledBySegfaultIsAProcessCrash() {
        // No core file: the crash is the point, not its dump.
        AttemptOutcome outcome = runner.run(new CommandAction(List.of("sh", "-c", "ulimit -c 0; kill -SEGV $$"),
                Map.of(), null), "segv", Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.PROCESS_CRASH, outcome.category());
        assertEquals(139, outcome.exitCode());
        assertEquals("killed by SIGSEGV (exit code 139)", outcome.error());
    }

    @Test
    void aProcessKilledFromOutsideWithSigkillIsAProcessCrash() {
        AttemptOutcome outcome = sh("echo working; kill -KILL $$");

        assertEquals(FailureCategory.PROCESS_CRASH, outcome.category());
        assertEquals(137, outcome.exitCode());
        assertEquals("working\n", outcome.stdoutTail());
    }

    @Test
    void aCommandThatSaysItRanOutOfMemoryIsResourceExhausted() {
        AttemptOutcome outcome = sh("echo 'Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space'"
                + " >&2; echo '\tat Big.alloc(Big.java:3)' >&2; exit 1");

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, outcome.category());
        assertEquals(1, outcome.exitCode());
        assertEquals("exit code 1, out of memory or disk: Exception in thread \"main\" java.lang.OutOfMemoryError:"
                + " Java heap space", outcome.error());
    }

    @Test
    void aProgramTheShellCannotFindIsABadDefinition() {
        AttemptOutcome outcome = sh("no-such-program-dtf --version");

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertEquals(127, outcome.exitCode());
    }

    @Test
    void aFileThatIsNotExecutableIsABadDefinition(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho hi\n");

        AttemptOutcome outcome = runner.run(new CommandAction(List.of(script.toString()), Map.of(), null),
                "not-executable", Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().contains("Permission denied"), outcome.error());
    }

    @Test
    void theEnvironmentTaskIdAndParamsAreVisibleToTheCommand() {
        CommandAction action = new CommandAction(
                List.of("sh", "-c",
                        "echo \"$GREETING|$DTF_TASK_ID|$DTF_PARAM_BLOCK_SIZE|$DTF_PARAM_N|${PATH:+has-path}\""),
                Map.of("GREETING", "hello"), null);

        AttemptOutcome outcome = runner.run(action, "io-test[n=4]#1", Map.of("block-size", "4KiB", "n", "4"), TIMEOUT);

        assertEquals("hello|io-test[n=4]#1|4KiB|4|has-path\n", outcome.stdoutTail());
        assertEquals("DTF_PARAM_BLOCK_SIZE", CommandRunner.paramVariable("block-size"));
        assertEquals("DTF_PARAM_P95_MS", CommandRunner.paramVariable("p95.ms"));
    }

    @Test
    void metricLinesOnStdoutBecomeMetricsAndOnStderrDoNot() {
        AttemptOutcome outcome = sh("echo 'DTF_METRIC latency=12.5 ms'; echo 'DTF_METRIC latency=13 ms'; "
                + "echo '{\"dtf_metric\": \"rps\", \"value\": 100, \"unit\": \"req/s\"}'; "
                + "echo 'DTF_METRIC broken=oops'; echo 'DTF_METRIC other=1' >&2; printf 'DTF_METRIC last=2'");

        assertEquals(TaskState.PASSED, outcome.status());
        assertEquals(List.of(
                new Metric("latency", "ms", List.of(12.5, 13.0)),
                new Metric("rps", "req/s", List.of(100.0)),
                new Metric("last", "", List.of(2.0))), outcome.metrics());
    }

    @Test
    void timeoutKillsTheWholeProcessTreeIncludingOrphanedChildren() {
        // A direct child, a grandchild under a child shell, and a child orphaned by its subshell.
        AttemptOutcome outcome = runner.run(new CommandAction(List.of("sh", "-c",
                        "sleep 1000 & echo $!; "
                                + "sh -c 'sleep 1000 & echo $!; wait' & echo $!; "
                                + "( sleep 1000 & echo $! ); "
                                + "wait"), Map.of(), null),
                "tree", Map.of(), Duration.ofMillis(700));

        assertEquals(TaskState.TIMED_OUT, outcome.status());
        assertEquals(FailureCategory.TIMEOUT, outcome.category());
        assertNull(outcome.exitCode());
        assertTrue(outcome.error().startsWith("timed out after 700 ms; killed the process and "), outcome.error());
        List<Long> pids = pids(outcome.stdoutTail());
        assertEquals(4, pids.size(), outcome.stdoutTail());
        for (long pid : pids) {
            assertFalse(isRunning(pid), "process " + pid + " outlived the timeout");
        }
    }

    @Test
    void processesLeftRunningAfterTheCommandExitsAreKilled() {
        AttemptOutcome outcome = sh("( sleep 1000 & echo $! ); exit 0");

        assertEquals(TaskState.PASSED, outcome.status());
        List<Long> pids = pids(outcome.stdoutTail());
        assertEquals(1, pids.size());
        assertFalse(isRunning(pids.get(0)));
    }

    @Test
    void stdinIsClosedSoACommandReadingItDoesNotWait() {
        AttemptOutcome outcome = runner.run(new CommandAction(List.of("sh", "-c", "cat; echo done"), Map.of(), null),
                "stdin", Map.of(), Duration.ofSeconds(5));

        assertEquals(TaskState.PASSED, outcome.status());
        assertEquals("done\n", outcome.stdoutTail());
    }

    @Test
    void aMissingExecutableIsABadDefinitionNamingIt() {
        AttemptOutcome outcome = runner.run(new CommandAction(List.of("no-such-program-dtf"), Map.of(), null),
                "missing", Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertTrue(outcome.error().startsWith("cannot start 'no-such-program-dtf': "), outcome.error());
    }

    @Test
    void aParamValueNoProcessCanBeGivenIsABadDefinitionNotTheWorkersFault() {
        AttemptOutcome outcome = runner.run(new CommandAction(List.of("true"), Map.of(), null), "nul",
                Map.of("p", "a\0b"), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
    }

    @Test
    void interruptingTheWaitingThreadCancelsAndKillsTheCommand() throws Exception {
        AtomicReference<AttemptOutcome> result = new AtomicReference<>();
        Thread waiting = new Thread(() -> result.set(runner.run(new CommandAction(
                List.of("sh", "-c", "sleep 1000; echo interrupt-test"), Map.of(), null), "cancel", Map.of(), TIMEOUT)));
        waiting.start();
        ProcessHandle shell = awaitChildShellRunning("interrupt-test");

        waiting.interrupt();
        waiting.join(5_000);

        assertFalse(waiting.isAlive());
        assertNotNull(result.get());
        assertEquals(TaskState.CANCELLED, result.get().status());
        assertNull(result.get().category());
        // Killed, it exits within moments of the runner's return; a shell left running times out here.
        shell.onExit().get(5, TimeUnit.SECONDS);
        assertFalse(shell.isAlive());
    }

    @Test
    void aFloodOfOutputOnBothStreamsFinishesWithBoundedTails() {
        // 200 MB on stdout without a single newline and 100 MB on stderr, at once.
        AttemptOutcome outcome = sh("head -c 100000000 /dev/zero | tr '\\0' 'e' >&2 & "
                + "head -c 200000000 /dev/zero | tr '\\0' 'o'; wait; echo; echo 'DTF_METRIC after=1'; echo the-end");

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        assertTrue(outcome.stdoutTail().length() <= TAIL_WITH_NOTE);
        assertTrue(outcome.stderrTail().length() <= TAIL_WITH_NOTE);
        long stdoutBytes = 200_000_000L + "\nDTF_METRIC after=1\nthe-end\n".length();
        assertTrue(outcome.stdoutTail().startsWith("[" + (stdoutBytes - TAIL) + " earlier bytes not kept]\nooo"),
                outcome.stdoutTail().substring(0, 40));
        assertTrue(outcome.stdoutTail().endsWith("o\nDTF_METRIC after=1\nthe-end\n"));
        assertTrue(outcome.stderrTail().endsWith("eeee"));
        // The metric after the flood is still read: the overlong line did not derail the parser.
        assertEquals(List.of(new Metric("after", "", List.of(1.0))), outcome.metrics());
    }

    @Test
    void aFloodOfMetricLinesKeepsAtMostTheSampleLimit() {
        AttemptOutcome outcome = sh("yes 'DTF_METRIC flood=1 ops' | head -n 1000000");

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        assertEquals(1, outcome.metrics().size());
        assertEquals(MetricLineParser.DEFAULT_MAX_SAMPLES, outcome.metrics().get(0).samples().size());
        assertTrue(outcome.stdoutTail().length() <= TAIL_WITH_NOTE);
        assertTrue(outcome.stderrTail().endsWith("[dtf worker] 900000 metric lines ignored: malformed, or beyond the"
                + " limits of 1000 metrics and 100000 samples per attempt\n"), outcome.stderrTail());
    }

    private AttemptOutcome sh(String script) {
        return runner.run(new CommandAction(List.of("sh", "-c", script), Map.of(), null), "t", Map.of(), TIMEOUT);
    }

    private List<Long> pids(String text) {
        List<Long> pids = text.lines().filter(l -> l.matches("\\d+")).map(Long::parseLong).toList();
        pidsToReap.addAll(pids);
        return pids;
    }

    /** Alive and not a zombie: a killed orphan may wait a few seconds for init to reap it. */
    private static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // reaped meanwhile
        }
    }

    private static ProcessHandle awaitChildShellRunning(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            var found = ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the command never started");
    }
}
