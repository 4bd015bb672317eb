package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.RetryPolicy;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteCheckTest {
    private static final TaskSpec GOOD = new TaskSpec("sha", "sha", Map.of(), new BenchmarkAction("sha256", 1, 3),
            List.of(), 0, Duration.ofMinutes(1), 0, 1);

    @Test
    void whatTheLoaderReadsPassesTheSameChecksOnTheServer() {
        Suite suite = SuiteLoader.parse("""
                suite: full
                defaults: {retry: {infra: 2, backoff: 1s, maxBackoff: 1m}}
                tasks:
                  - {name: sha, type: benchmark, benchmark: sha256, params: {size: [1KiB, 1MiB]}, repeat: 2,
                     priority: 1000, timeout: 7d, retries: 100, warmup: 10000, iterations: 100000}
                  - {name: cmd, type: command, command: [sh, -c, "echo ${v}"], env: {A: b}, params: {v: "x\\ny"}}
                """, "full.yaml");
        assertEquals(List.of(), SuiteCheck.check(suite, "submission"));
        assertEquals("cmd[v=x\\ny]", suite.tasks().get(4).id(), "a control character is escaped in the id");
    }

    @Test
    void eachHostileValueIsRefusedNamingItsField() {
        TaskSpec hostile = new TaskSpec("x".repeat(1 << 20), "sha", Map.of(), new BenchmarkAction("sha256", 0, -1),
                List.of(), Integer.MAX_VALUE, Duration.ofDays(3650), -1, 0,
                new RetryPolicy(-1, Duration.ZERO, Duration.ofDays(1)), List.of());
        List<String> errors = SuiteCheck.check(new Suite("evil\u001b[2Jname", List.of(GOOD, hostile)), "submission")
                .stream().map(SuiteError::toString).toList();

        assertEquals(List.of(
                "submission: field 'suite': 'evil\\u001b[2Jname' is not a valid name; use 1 to 200 letters, digits, "
                        + "'_', '.' or '-'",
                error("id", "the id is 1048576 characters long; the limit is 1000 (shorten the name or the parameter values)"),
                error("iterations", "-1 is out of range; iterations must be between 1 and 100000"),
                error("priority", "2147483647 is out of range; priority must be between -1000 and 1000"),
                error("retries", "-1 is out of range; retries must be between 0 and 100"),
                error("repetition", "0 is out of range; repetition must be between 1 and 1000"),
                error("timeout", "3650d is out of range; timeout must be more than 0 and at most 7d"),
                error("retry.infra", "-1 is out of range; retry.infra must be between 0 and 100"),
                error("retry.backoff", "0ms is out of range; retry.backoff must be at least 1ms and at most 1h"),
                error("retry.maxBackoff", "1d is out of range; retry.maxBackoff must be at least 1ms and at most 1h")),
                errors);
        assertTrue(errors.stream().allMatch(e -> e.length() < 300), "a huge value is never echoed whole");
    }

    @Test
    void unsetMeasurementSettingsAreTheBenchmarksOwnAndSetOnesAreBounded() {
        TaskSpec defaults = new TaskSpec("d", "d", Map.of(), new BenchmarkAction("sha256", null, null, null, null),
                List.of(), 0, Duration.ofMinutes(1), 0, 1);
        TaskSpec hostile = new TaskSpec("h", "h", Map.of(), new BenchmarkAction("sha256", null, null,
                Duration.ofDays(2), Duration.ofMillis(-5)), List.of(), 0, Duration.ofMinutes(1), 0, 1);
        List<String> errors = SuiteCheck.check(new Suite("s", List.of(defaults, hostile)), "submission").stream()
                .map(SuiteError::toString).toList();
        assertEquals(List.of(
                "submission: task 'h' (#2), field 'warmupTime': 2d is out of range; warmupTime must be at least 0ms "
                        + "and at most 1h",
                "submission: task 'h' (#2), field 'iterationTime': -5ms is out of range; iterationTime must be at "
                        + "least 0ms and at most 10m"),
                errors);
    }

    @Test
    void commandsNeedArgumentsValidVariableNamesAndPlainUniqueIds() {
        TaskSpec command = new TaskSpec("c\u001b", "c", Map.of("bad key", "v"),
                new CommandAction(List.of(), Map.of("1X", "v"), null), List.of(), 0, Duration.ofSeconds(1), 0, 1);
        TaskSpec nul = new TaskSpec("n", "n", Map.of("p", "a\0b"), new CommandAction(List.of("echo", "\0"),
                Map.of("E", "\0"), "/tmp\0"), List.of(), 0, Duration.ofSeconds(1), 0, 1);
        List<String> errors = SuiteCheck.check(new Suite("s", List.of(GOOD, GOOD, command, nul)), "submission").stream()
                .map(SuiteError::toString).toList();
        assertEquals(List.of(
                "submission: task 'sha' (#2), field 'id': appears twice; task ids must be unique in a suite",
                "submission: task 'c\\u001b' (#3), field 'id': 'c\\u001b' holds control characters; an id is printed, so it may not",
                "submission: task 'c\\u001b' (#3), field 'params': 'bad key' is not a valid name; use 1 to 200 letters, "
                        + "digits, '_', '.' or '-'",
                "submission: task 'c\\u001b' (#3), field 'command': expected a non-empty list of arguments without nulls",
                "submission: task 'c\\u001b' (#3), field 'env': '1X' is not a variable name; use letters, digits and '_', "
                        + "not starting with a digit",
                "submission: task 'n' (#4), field 'params.p': holds a NUL character, which no process can be given",
                "submission: task 'n' (#4), field 'command': holds a NUL character, which no process can be given",
                "submission: task 'n' (#4), field 'workdir': holds a NUL character, which no process can be given",
                "submission: task 'n' (#4), field 'env.E': holds a NUL character, which no process can be given"),
                errors);
    }

    @Test
    void aSubmittedWorkdirThatLeavesTheAttemptsDirectoryIsRefused() {
        TaskSpec up = new TaskSpec("up", "up", Map.of(), new CommandAction(List.of("cat", "passwd"), Map.of(),
                "../../etc"), List.of(), 0, Duration.ofSeconds(1), 0, 1);
        TaskSpec absolute = new TaskSpec("abs", "abs", Map.of(), new CommandAction(List.of("ls"), Map.of(),
                "/srv/checkout"), List.of(), 0, Duration.ofSeconds(1), 0, 1);

        List<String> errors = SuiteCheck.check(new Suite("s", List.of(up, absolute)), "submission").stream()
                .map(SuiteError::toString).toList();

        // An absolute workdir is the worker's to allow or refuse (dtf.workdir.roots): only it sees its files.
        assertEquals(List.of("submission: task 'up' (#1), field 'workdir': '../../etc' leaves the attempt's own"
                + " directory through '..'; use a path inside it (e.g. 'build'), or an absolute path under a directory"
                + " the worker allows (dtf node --attr dtf.workdir.roots=DIR)"), errors);
    }

    @Test
    void theLoaderRefusesAnIdPastTheLimit() {
        SuiteValidationException e = assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse(
                "suite: s\ntasks:\n  - {name: a, type: command, command: [echo], params: {v: " + "y".repeat(1200) + "}}\n",
                "long.yaml"));
        assertEquals("params", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("the limit is 1000"), e.getMessage());
    }

    @Test
    void twoParamsThatShareAnEnvironmentVariableAreRefused() {
        SuiteValidationException e = assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse(
                "suite: s\ntasks:\n  - {name: a, type: command, command: [echo], params: {block-size: 1, block.size: 2}}\n",
                "twins.yaml"));
        assertTrue(e.errors().get(0).message().contains("DTF_PARAM_BLOCK_SIZE"), e.getMessage());
    }

    private static String error(String field, String message) {
        return "submission: task '" + "x".repeat(60) + "... (1048576 characters)' (#2), field '" + field + "': " + message;
    }
}
