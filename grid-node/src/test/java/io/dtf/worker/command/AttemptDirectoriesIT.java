package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes in the working directories a worker gives them. */
class AttemptDirectoriesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path data;

    private CommandRunner runner(List<Path> allowed, int maxKept, Clock clock) {
        return new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES,
                new AttemptDirectories(data.resolve("attempts"), allowed, Duration.ofHours(24), maxKept, clock));
    }

    private CommandRunner runner() {
        return runner(List.of(data), 50, Clock.systemUTC());
    }

    private static AttemptOutcome run(CommandRunner runner, String workdir, String script) {
        return runner.run(new CommandAction(List.of("sh", "-c", script), Map.of(), workdir), "t[v=a/b]", Map.of(),
                TIMEOUT);
    }

    @Test
    void eachAttemptRunsInAFreshDirectoryOfItsOwnRemovedWhenItPasses() throws IOException {
        CommandRunner runner = runner();
        AttemptOutcome first = run(runner, null,
                "pwd; test \"$(ls -A)\" = .tmp && touch made-here && echo \"$DTF_ATTEMPT_DIR\"");
        AttemptOutcome second = run(runner, null, "pwd; ls -A");

        assertEquals(TaskState.PASSED, first.status(), first.stderrTail());
        List<String> lines = first.stdoutTail().lines().toList();
        Path dir = Path.of(lines.get(0));
        assertTrue(dir.startsWith(data.resolve("attempts").toRealPath()), lines.get(0));
        assertEquals(dir.toString(), lines.get(1), "DTF_ATTEMPT_DIR names it");
        assertFalse(Files.exists(dir), "removed after a pass");
        assertEquals(2, second.stdoutTail().lines().count(), "the next attempt starts with only its empty TMPDIR: "
                + second.stdoutTail());
        assertFalse(Files.exists(Path.of("made-here")), "nothing is written where the worker runs");
        assertEquals(0, entries(data.resolve("attempts")));
    }

    @Test
    void aFailedAttemptKeepsItsDirectoryAndItsErrorSaysWhere() throws IOException {
        AttemptOutcome outcome = run(runner(), null, "echo evidence > left.txt; exit 3");

        assertEquals(TaskState.FAILED, outcome.status());
        assertTrue(outcome.error().contains("its working directory is kept until "), outcome.error());
        Path kept = Path.of(outcome.error().substring(outcome.error().lastIndexOf(": ") + 2));
        assertEquals("evidence\n", Files.readString(kept.resolve("left.txt")));
    }

    @Test
    void keptDirectoriesAreBoundedInNumberAndInTime() throws IOException {
        MovableClock clock = new MovableClock();
        CommandRunner runner = runner(List.of(data), 2, clock);
        for (int i = 0; i < 4; i++) {
            run(runner, null, "touch x; exit 1");
        }
        assertEquals(2, entries(data.resolve("attempts")), "at most two kept");

        clock.now = clock.now.plus(Duration.ofHours(25));
        run(runner, null, "exit 0");
        assertEquals(0, entries(data.resolve("attempts")), "none kept past the retention");
    }

    @Test
    void aWorkdirOutsideTheAllowedRootsIsABadDefinition() {
        for (String workdir : List.of("/etc", "../../..", "/")) {
            AttemptOutcome outcome = run(runner(), workdir, "touch should-not-exist");

            assertEquals(TaskState.ERROR, outcome.status(), workdir);
            assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
            assertTrue(outcome.error().startsWith("workdir '" + workdir + "' is outside the directories this worker"
                    + " allows (the attempt's own directory and " + data + ")"), outcome.error());
        }
    }

    @Test
    void aWorkdirUnderAnAllowedRootOrInsideTheAttemptRuns(@TempDir Path checkout) throws IOException {
        Files.writeString(checkout.resolve("marker.txt"), "found");
        CommandRunner runner = runner(List.of(data, checkout), 50, Clock.systemUTC());

        AttemptOutcome allowed = run(runner, checkout.toString(), "cat marker.txt");
        assertEquals(TaskState.PASSED, allowed.status(), allowed.error());
        assertEquals("found", allowed.stdoutTail());

        AttemptOutcome inside = run(runner, ".", "pwd");
        assertEquals(TaskState.PASSED, inside.status(), inside.error());
        assertNull(inside.error());
    }

    @Test
    void aMissingWorkdirIsABadDefinitionNamingIt() {
        String missing = data.resolve("nowhere").toString();

        AttemptOutcome outcome = run(runner(), missing, "pwd");

        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertEquals("workdir '" + missing + "' does not exist or is not a directory", outcome.error());
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
