package io.dtf.history;

import static io.dtf.results.TestResults.junit;
import static io.dtf.results.TestResults.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestDuration;
import io.dtf.model.TestHistory;
import io.dtf.model.TestQuery;
import io.dtf.model.TestStatus;
import io.dtf.results.TestResults;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suite's test history in a real DuckDB file: the durations splitting packs by; slow, flaky and failing tests. */
class TestHistoryReaderTest {
    static final String A = "com.example.ATest";
    static final String B = "com.example.BTest";

    @TempDir
    static Path dir;
    static DuckDbResultStore store;
    static TestHistoryReader reader;

    /**
     * Twelve runs of suite "unit". In run i, class A takes i * 100 ms on x86 (two tests); run 12 also
     * reruns one of A's methods as a task of its own, and has a lost first attempt and a cancelled task;
     * class B runs on arm only in run 12. From run 11 on, A#flaky fails then passes on a retry and
     * B#broken fails on x86 and passes on arm. Another suite and a plain result sit beside them.
     */
    @BeforeAll
    static void storeHistory() {
        store = DuckDbResultStore.open(dir.resolve("history.duckdb"));
        reader = new TestHistoryReader(store);
        List<TaskResult> results = new ArrayList<>();
        long seq = 0;
        for (int run = 1; run <= 12; run++) {
            String id = "r" + run;
            boolean late = run >= 11;
            List<TestCase> a = List.of(test(A, "fast", TestStatus.PASSED, run * 25L),
                    test(A, "flaky", TestStatus.PASSED, run * 75L), test(A, "ignored", TestStatus.SKIPPED, 99_999));
            if (late) {
                results.add(junit(++seq, id, "unit", "a", 1, false, TaskState.FAILED, "x86",
                        List.of(test(A, "fast", TestStatus.PASSED, 1), test(A, "flaky", TestStatus.FAILED, 9_999))));
            }
            results.add(junit(++seq, id, "unit", "a", late ? 2 : 1, true, TaskState.PASSED, "x86", a));
            results.add(junit(++seq, id, "unit", "b", 1, true, late ? TaskState.FAILED : TaskState.PASSED, "x86",
                    List.of(test(B, "broken", late ? TestStatus.FAILED : TestStatus.PASSED, 10))));
            results.add(junit(++seq, id, "other", "a", 1, true, TaskState.PASSED, "x86",
                    List.of(test(A, "fast", TestStatus.PASSED, 1_000_000))));
        }
        results.add(junit(++seq, "r12", "unit", "rerun", 1, true, TaskState.PASSED, "x86",
                List.of(test(A, "fast", TestStatus.PASSED, 5))));
        results.add(junit(++seq, "r12", "unit", "lost", 1, false, TaskState.ERROR, "x86",
                List.of(test(A, "fast", TestStatus.PASSED, 777_777))));
        results.add(junit(++seq, "r12", "unit", "stopped", 1, true, TaskState.CANCELLED, "x86",
                List.of(test(A, "fast", TestStatus.PASSED, 888_888))));
        results.add(junit(++seq, "r12", "unit", "b-arm", 1, true, TaskState.PASSED, "arm",
                List.of(test(B, "broken", TestStatus.PASSED, 30), test(B, "other", TestStatus.PASSED, 20))));
        results.add(TestResults.passed(++seq, "no-tests"));
        store.ingest(TestResults.GRID, results);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void aClassTakesTheMeanOfItsLastTenRunsPerHardwareClassFromFinalAttemptsOfTestsThatRan() {
        // A on x86: runs 3..12 at run * 100 ms (the skipped test, the lost and cancelled attempts, the
        // retried first attempt and the one-method rerun left out).
        assertEquals(List.of(
                new TestDuration(A, "x86", 750.0, 10),
                new TestDuration(B, "arm", 50.0, 1),
                new TestDuration(B, "x86", 10.0, 10)), reader.durations("unit"));
        assertEquals(List.of(new TestDuration(A, "x86", 1_000_000.0, 10)), reader.durations("other"));
        assertEquals(List.of(), reader.durations("none"));
        assertThrows(IllegalArgumentException.class, () -> reader.durations(" "));
    }

    @Test
    void flakyTestsAreThoseThatFailedAndPassedInOneRun() {
        List<TestHistory> flaky = reader.read("unit", TestQuery.of(TestQuery.View.FLAKY));
        assertEquals(1, flaky.size(), flaky.toString());
        TestHistory f = flaky.get(0);
        assertEquals(List.of(A, "flaky", "x86", 10, 8, 0, 2, 0), List.of(f.className(), f.method(), f.hwClass(),
                f.runs(), f.passedRuns(), f.failedRuns(), f.flakyRuns(), f.skippedRuns()));
        assertEquals("expected: <1> but was: <2>", f.lastFailure());
        assertEquals(TestStatus.PASSED, f.lastStatus());
        assertEquals("r12", f.lastRun());
        assertEquals("[engine:junit-jupiter]/[class:" + A + "]/[method:flaky()]", f.uniqueId());
    }

    @Test
    void failingTestsSayOnWhichHardwareTheyFail() {
        List<TestHistory> failing = reader.read("unit", TestQuery.of(TestQuery.View.FAILING));
        assertEquals(1, failing.size(), failing.toString());
        assertEquals(List.of("broken", "x86", 2, 8), List.of(failing.get(0).method(), failing.get(0).hwClass(),
                failing.get(0).failedRuns(), failing.get(0).passedRuns()));
        List<TestHistory> lastTwo = reader.read("unit", new TestQuery(TestQuery.View.ALL, 100, 2));
        TestHistory brokenOnArm = lastTwo.stream()
                .filter(t -> t.method().equals("broken") && t.hwClass().equals("arm")).findFirst().orElseThrow();
        assertEquals(List.of(1, 1, 0), List.of(brokenOnArm.runs(), brokenOnArm.passedRuns(), brokenOnArm.failedRuns()));
        TestHistory brokenOnX86 = lastTwo.stream()
                .filter(t -> t.method().equals("broken") && t.hwClass().equals("x86")).findFirst().orElseThrow();
        assertEquals(List.of(2, 0, 2), List.of(brokenOnX86.runs(), brokenOnX86.passedRuns(), brokenOnX86.failedRuns()));
    }

    @Test
    void theSlowestTestsComeFirstSkippedOnesNeverAndLimitCuts() {
        List<TestHistory> slowest = reader.read("unit", new TestQuery(TestQuery.View.SLOWEST, 2, 10));
        assertEquals(List.of("fast", "flaky"), slowest.stream().map(TestHistory::method).toList(),
                "fast's lost 777777 ms and cancelled 888888 ms count in the history of executions");
        List<TestHistory> all = reader.read("unit", new TestQuery(TestQuery.View.SLOWEST, 100, 10));
        assertEquals(0, all.stream().filter(t -> t.method().equals("ignored")).count(), "only ever skipped");
        TestHistory ignored = reader.read("unit", TestQuery.of(TestQuery.View.ALL)).stream()
                .filter(t -> t.method().equals("ignored")).findFirst().orElseThrow();
        assertEquals(List.of(10, 10, 0.0), List.of(ignored.runs(), ignored.skippedRuns(), ignored.meanMillis()));
    }
}
