package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OS limits on a command's processes, set through prlimit (Linux). */
class CommandLimitsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void limitsAreReadWithUnitsAndRefusedWithTheFix() {
        CommandLimits limits = CommandLimits.parse("processes=512, files=1k, file-size=1MiB, cpu=2m");

        assertEquals(new CommandLimits(512L, 1000L, 1_048_576L, Duration.ofMinutes(2)), limits);
        assertEquals("processes=512,files=1000,file-size=1048576,cpu=120s", limits.text());
        assertEquals(limits, CommandLimits.parse(limits.text()));
        assertEquals(List.of("/usr/bin/prlimit", "--nproc=512", "--nofile=1000", "--fsize=1048576", "--cpu=120:122", "--",
                "make"), limits.wrap(Path.of("/usr/bin/prlimit"), List.of("make")));
        assertEquals("unknown limit 'memory'; the limits are " + CommandLimits.SYNTAX,
                assertThrows(IllegalArgumentException.class, () -> CommandLimits.parse("memory=1GiB")).getMessage());
        assertEquals("files=-1 is not a positive whole number",
                assertThrows(IllegalArgumentException.class, () -> CommandLimits.parse("files=-1")).getMessage());
        assertEquals("cpu=500ms is not a duration of at least 1 s; write e.g. 500ms, 30s, 10m, 1h30m, 2h",
                assertThrows(IllegalArgumentException.class, () -> CommandLimits.parse("cpu=500ms")).getMessage());
    }

    @Test
    void theCommandRunsUnderTheLimits() {
        AttemptOutcome outcome = run("files=64,processes=4000", "cat /proc/self/limits");

        assertEquals(TaskState.PASSED, outcome.status(), outcome.toString());
        assertTrue(outcome.stdoutTail().matches("(?s).*Max open files +64 +64 .*"), outcome.stdoutTail());
        assertTrue(outcome.stdoutTail().matches("(?s).*Max processes +4000 +4000 .*"), outcome.stdoutTail());
    }

    @Test
    void aFileOverTheSizeLimitEndsTheAttemptAsOutOfResources() {
        AttemptOutcome outcome = run("file-size=4KiB", "head -c 100000 /dev/zero > big");

        assertEquals(TaskState.ERROR, outcome.status(), outcome.toString());
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, outcome.category());
        assertTrue(outcome.error().startsWith("killed by SIGXFSZ (exit code 153), over the worker's command limit on"
                + " file size"), outcome.error());
    }

    @Test
    void cpuTimeOverTheLimitEndsTheAttempt() {
        AttemptOutcome outcome = run("cpu=1s", "while :; do :; done");

        assertEquals(TaskState.ERROR, outcome.status(), outcome.toString());
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, outcome.category());
        assertEquals("killed by SIGXCPU (exit code 152), over the worker's command limit on CPU time",
                outcome.error());
    }

    private AttemptOutcome run(String limits, String script) {
        assumeTrue(CommandLimits.launcher(System.getenv("PATH")).program() != null, "needs Linux and prlimit");
        CommandRunner runner = new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES,
                AttemptDirectories.under(data.resolve("attempts"), List.of()),
                CommandPolicy.ANY.withLimits(CommandLimits.parse(limits)));
        // exec: the shell becomes the loop, so the signal that ends it is the command's own exit status.
        return runner.run(new CommandAction(List.of("sh", "-c", "exec sh -c '" + script + "'"), Map.of(), null),
                "limited", Map.of(), TIMEOUT);
    }
}
