package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestHistory;
import io.dtf.model.TestStatus;
import io.dtf.results.ResultOrigin;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dtf tests} against a real DuckDB file: slowest, flaky, failing, durations, and what it says when empty. */
class TestsCommandTest {
    static final String HOSTILE = "boom\u001b[2J\rFAKE\nnext";

    @TempDir
    static Path dir;
    static String db;

    /** Three runs of suite "unit": a slow test, one flaky in run 1 on x86, one failing on arm only. */
    @BeforeAll
    static void storeRuns() {
        List<TaskResult> results = new ArrayList<>();
        long seq = 0;
        for (int run = 1; run <= 3; run++) {
            boolean flakyNow = run == 1;
            if (flakyNow) {
                results.add(result(++seq, run, 1, false, "x86",
                        test("ParserTest", "flaky", TestStatus.FAILED, 5, "x")));
            }
            results.add(result(++seq, run, flakyNow ? 2 : 1, true, "x86",
                    test("ParserTest", "slow", TestStatus.PASSED, 4_000, null),
                    test("ParserTest", "flaky", TestStatus.PASSED, 10, null)));
            results.add(result(++seq, run, 1, true, "arm", test("IoTest", "reads", TestStatus.FAILED, 30, HOSTILE)));
            results.add(result(++seq, run, 1, true, "x86", test("IoTest", "reads", TestStatus.PASSED, 20, null)));
        }
        db = dir.resolve("dtf.duckdb").toString();
        try (DuckDbResultStore store = DuckDbResultStore.open(Path.of(db))) {
            store.ingest(ResultOrigin.grid("cli-test"), results);
        }
    }

    private static TestCase test(String cls, String method, TestStatus status, long millis, String failure) {
        return new TestCase("com.example." + cls, method, method + "()", null, status, millis,
                failure == null ? null : "org.opentest4j.AssertionFailedError", failure, null, "", "");
    }

    private static TaskResult result(long seq, int run, int attempt, boolean isFinal, String hw, TestCase... tests) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * seq);
        boolean failed = List.of(tests).stream().anyMatch(t -> t.status() == TestStatus.FAILED);
        return new TaskResult(seq, "run-" + run, "unit", "t" + seq, "tests", Map.of(), attempt, isFinal,
                failed ? TaskState.FAILED : TaskState.PASSED, at, at.plusSeconds(5), "node-" + hw, hw, failed ? 1 : 0,
                List.of(), "", "", null, null, null, null, List.of(tests));
    }

    @Test
    void theTableListsEveryTestPerHardwareClassAndSlowestComesFirst() {
        Launcher.Outcome all = InProcessCli.dtf("tests", "unit", "--db", db);
        assertEquals(0, all.exitCode(), all.err());
        assertEquals(5, all.out().lines().count(), "a header and four rows:\n" + all.out());
        Launcher.Outcome slowest = InProcessCli.dtf("tests", "unit", "--db", db, "--slowest", "1");
        assertEquals(2, slowest.out().lines().count(), slowest.out());
        assertTrue(slowest.out().contains("com.example.ParserTest#slow") && slowest.out().contains("4.00 s"),
                slowest.out());
    }

    @Test
    void aParameterisedInvocationShowsItsDisplayName() {
        TestHistory invocation = new TestHistory("com.example.ParserTest", "parses", "[2] \"a,b\"", null, "x86", 1, 1,
                0, 0, 0, 3, 3, TestStatus.PASSED, null, "run-1");
        assertEquals("com.example.ParserTest#parses [2] \"a,b\"", TestsCommand.name(invocation));
        TestHistory plain = new TestHistory("com.example.ParserTest", "parses", "parses()", null, "x86", 1, 1, 0, 0,
                0, 3, 3, TestStatus.PASSED, null, "run-1");
        assertEquals("com.example.ParserTest#parses", TestsCommand.name(plain));
    }

    @Test
    void flakyAndFailingSayWhichTestAndWhichHardware() throws Exception {
        JsonNode flaky = json("--flaky");
        assertEquals(1, flaky.size(), flaky.toString());
        assertEquals("flaky", flaky.get(0).get("method").asText());
        assertEquals(1, flaky.get(0).get("flakyRuns").asInt());
        assertEquals(2, flaky.get(0).get("passedRuns").asInt());

        JsonNode failing = json("--failing");
        assertEquals(1, failing.size(), failing.toString());
        assertEquals("arm", failing.get(0).get("hwClass").asText());
        assertEquals(3, failing.get(0).get("failedRuns").asInt());
        assertEquals(HOSTILE, failing.get(0).get("lastFailure").asText(), "JSON keeps the text");

        Launcher.Outcome table = InProcessCli.dtf("tests", "unit", "--db", db, "--failing");
        AuditCommandTest.assertClean(table.out());
        assertEquals(2, table.out().lines().count(), "no fake lines:\n" + table.out());

        assertEquals(1, json("--failing", "--runs", "1").get(0).get("runs").asInt(), "only the latest run");
    }

    @Test
    void durationsArePerClassAndHardwareClass() throws Exception {
        JsonNode durations = json("--durations");
        assertEquals(3, durations.size(), durations.toString());
        assertEquals("com.example.IoTest", durations.get(0).get("className").asText());
        assertEquals("arm", durations.get(0).get("hwClass").asText());
        assertEquals(4_010.0, durations.get(2).get("meanMillis").asDouble(), "slow and flaky, per final attempt");
        Launcher.Outcome table = InProcessCli.dtf("tests", "unit", "--db", db, "--durations");
        assertTrue(table.out().contains("com.example.ParserTest  x86") && table.out().contains("4.01 s"), table.out());
    }

    @Test
    void anUnknownSuiteIsAUsageErrorAndNoMatchesIsNot() {
        Launcher.Outcome unknown = InProcessCli.dtf("tests", "nightly", "--db", db);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no test cases of suite 'nightly'"), unknown.err());
        Launcher.Outcome none = InProcessCli.dtf("tests", "unit", "--db", db, "--flaky", "--runs", "2");
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.err().contains("no flaky tests in the last 2 runs of suite 'unit'"), none.err());
        Launcher.Outcome both = InProcessCli.dtf("tests", "unit", "--db", db, "--flaky", "--failing");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        Launcher.Outcome badRuns = InProcessCli.dtf("tests", "unit", "--db", db, "--runs", "0");
        assertEquals(2, badRuns.exitCode());
        assertTrue(badRuns.err().contains("runs: 0 is not between 1 and 1000"), badRuns.err());
    }

    private static JsonNode json(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("tests", "unit", "--db", db, "--json"));
        args.addAll(List.of(options));
        Launcher.Outcome o = InProcessCli.dtf(args.toArray(String[]::new));
        assertEquals(0, o.exitCode(), o.err());
        return Json.mapper().readTree(o.out());
    }
}
