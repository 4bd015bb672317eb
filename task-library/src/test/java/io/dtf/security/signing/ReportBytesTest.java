package io.dtf.security.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import io.dtf.wire.Json;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ReportBytesTest {

    @Test
    void sameReportGivesSameBytesAfterTravellingAsJson() {
        AttemptOutcome outcome = Reports.passed(1.5, 2.25, Double.NaN);
        AttemptOutcome travelled = Json.read(Json.write(outcome), AttemptOutcome.class);
        assertArrayEquals(Reports.bytes(outcome), Reports.bytes(travelled));
    }

    @Test
    void storedResultGivesTheBytesOfTheReportItWasMadeFrom() {
        AttemptOutcome outcome = Reports.passed(1.5, 2.25);
        // The final row of a flaky task says FLAKY; the signed attempt said PASSED.
        TaskResult result = Reports.result(outcome, TaskState.FLAKY, null);
        TaskResult stored = Json.read(Json.write(Reports.result(outcome, TaskState.FLAKY,
                new io.dtf.model.ReportSignature("sha256:00", "AA=="))), TaskResult.class);
        assertNull(ReportBytes.of(result), "a result without a signature has no report bytes");
        assertArrayEquals(Reports.bytes(outcome), ReportBytes.of(stored));
    }

    @Test
    void everyFieldOfTheReportChangesTheBytes() {
        AttemptOutcome o = Reports.passed(1.5, 2.25);
        byte[] original = Reports.bytes(o);
        List<UnaryOperator<AttemptOutcome>> changes = List.of(
                x -> new AttemptOutcome(TaskState.FAILED, x.startedAt(), x.endedAt(), x.exitCode(), x.metrics(),
                        x.stdoutTail(), x.stderrTail(), x.error(), x.category()),
                x -> new AttemptOutcome(x.status(), x.startedAt().plusNanos(1), x.endedAt(), x.exitCode(), x.metrics(),
                        x.stdoutTail(), x.stderrTail(), x.error(), x.category()),
                x -> new AttemptOutcome(x.status(), x.startedAt(), x.endedAt().plusSeconds(1), x.exitCode(),
                        x.metrics(), x.stdoutTail(), x.stderrTail(), x.error(), x.category()),
                x -> new AttemptOutcome(x.status(), x.startedAt(), x.endedAt(), null, x.metrics(),
                        x.stdoutTail(), x.stderrTail(), x.error(), x.category()),
                x -> new AttemptOutcome(x.status(), x.startedAt(), x.endedAt(), x.exitCode(),
                        List.of(new Metric("throughput", "MB/s", List.of(1.5, 2.2500000000000004))),
                        x.stdoutTail(), x.stderrTail(), x.error(), x.category()),
                x -> new AttemptOutcome(x.status(), x.startedAt(), x.endedAt(), x.exitCode(),
                        List.of(new Metric("throughput", "GB/s", List.of(1.5, 2.25))),
                        x.stdoutTail(), x.stderrTail(), x.error(), x.category()),
                x -> new AttemptOutcome(x.status(), x.startedAt(), x.endedAt(), x.exitCode(), x.metrics(),
                        x.stdoutTail() + ".", x.stderrTail(), x.error(), x.category()),
                x -> new AttemptOutcome(x.status(), x.startedAt(), x.endedAt(), x.exitCode(), x.metrics(),
                        x.stdoutTail(), null, x.error(), x.category()),
                x -> new AttemptOutcome(x.status(), x.startedAt(), x.endedAt(), x.exitCode(), x.metrics(),
                        x.stdoutTail(), x.stderrTail(), "boom", x.category()),
                x -> x.withCategory(FailureCategory.TEST_FAILURE));
        for (UnaryOperator<AttemptOutcome> change : changes) {
            assertFalse(Arrays.equals(original, Reports.bytes(change.apply(o))), "a change went unnoticed");
        }
        assertFalse(Arrays.equals(original, ReportBytes.of("run-2/sha", Reports.ATTEMPT, Reports.NODE, Reports.HW, o)));
        assertFalse(Arrays.equals(original, ReportBytes.of(Reports.TASK_KEY, "3:2", Reports.NODE, Reports.HW, o)));
        assertFalse(Arrays.equals(original, ReportBytes.of(Reports.TASK_KEY, Reports.ATTEMPT, "other", Reports.HW, o)));
        assertFalse(Arrays.equals(original, ReportBytes.of(Reports.TASK_KEY, Reports.ATTEMPT, Reports.NODE, null, o)));
    }

    /** The SHA-256 of a report's bytes before reports had test cases: its signature must still verify. */
    @Test
    void aReportWithoutTestsEncodesAsBeforeTestsExisted() throws Exception {
        assertEquals("f5ec578810de4f7669e0e4262536ae223ad91178ef93504f3344753dd8e591c2", HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Reports.bytes(Reports.passed(1.5, 2.25)))));
    }

    @Test
    void everyFieldOfATestCaseChangesTheBytesAndAStoredResultKeepsThem() {
        AttemptOutcome o = Reports.junit();
        byte[] original = Reports.bytes(o);
        assertFalse(Arrays.equals(original, Reports.bytes(o.withTests(List.of()))), "tests are covered");
        assertFalse(Arrays.equals(original, Reports.bytes(o.withTests(o.tests().subList(0, 1)))));
        assertFalse(Arrays.equals(original, Reports.bytes(o.withTests(List.of(o.tests().get(1), o.tests().get(0))))),
                "the order is covered");
        TestCase t = o.tests().get(1);
        List<TestCase> changed = List.of(
                new TestCase("com.example.Other", t.method(), t.displayName(), t.uniqueId(), t.status(),
                        t.durationMillis(), t.failureType(), t.message(), t.stackTrace(), t.stdoutTail(),
                        t.stderrTail()),
                new TestCase(t.className(), null, t.displayName(), t.uniqueId(), t.status(),
                        t.durationMillis(), t.failureType(), t.message(), t.stackTrace(), t.stdoutTail(),
                        t.stderrTail()),
                new TestCase(t.className(), t.method(), "other", t.uniqueId(), t.status(),
                        t.durationMillis(), t.failureType(), t.message(), t.stackTrace(), t.stdoutTail(),
                        t.stderrTail()),
                new TestCase(t.className(), t.method(), t.displayName(), "[engine:x]", t.status(),
                        t.durationMillis(), t.failureType(), t.message(), t.stackTrace(), t.stdoutTail(),
                        t.stderrTail()),
                new TestCase(t.className(), t.method(), t.displayName(), t.uniqueId(), TestStatus.PASSED,
                        t.durationMillis(), t.failureType(), t.message(), t.stackTrace(), t.stdoutTail(),
                        t.stderrTail()),
                new TestCase(t.className(), t.method(), t.displayName(), t.uniqueId(), t.status(),
                        4, t.failureType(), t.message(), t.stackTrace(), t.stdoutTail(), t.stderrTail()),
                new TestCase(t.className(), t.method(), t.displayName(), t.uniqueId(), t.status(),
                        t.durationMillis(), "java.lang.Error", t.message(), t.stackTrace(), t.stdoutTail(),
                        t.stderrTail()),
                new TestCase(t.className(), t.method(), t.displayName(), t.uniqueId(), t.status(),
                        t.durationMillis(), t.failureType(), null, t.stackTrace(), t.stdoutTail(), t.stderrTail()),
                new TestCase(t.className(), t.method(), t.displayName(), t.uniqueId(), t.status(),
                        t.durationMillis(), t.failureType(), t.message(), "", t.stdoutTail(), t.stderrTail()),
                new TestCase(t.className(), t.method(), t.displayName(), t.uniqueId(), t.status(),
                        t.durationMillis(), t.failureType(), t.message(), t.stackTrace(), "", t.stderrTail()),
                new TestCase(t.className(), t.method(), t.displayName(), t.uniqueId(), t.status(),
                        t.durationMillis(), t.failureType(), t.message(), t.stackTrace(), t.stdoutTail(), "warned u"));
        for (TestCase c : changed) {
            assertFalse(Arrays.equals(original, Reports.bytes(o.withTests(List.of(o.tests().get(0), c)))),
                    "a change went unnoticed: " + c);
        }
        TaskResult stored = Json.read(Json.write(Reports.result(o, TaskState.FAILED,
                new io.dtf.model.ReportSignature("sha256:00", "AA=="))), TaskResult.class);
        assertArrayEquals(original, ReportBytes.of(stored));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        AttemptOutcome o = Reports.passed(1.0);
        assertFalse(Arrays.equals(ReportBytes.of("a/b", "1:1", "n", "hw", o), ReportBytes.of("a/b1", ":1", "n", "hw", o)));
        assertFalse(Arrays.equals(ReportBytes.of("a/b", "1:1", "", "hw", o), ReportBytes.of("a/b", "1:1", null, "hw", o)));
        AttemptOutcome noTimes = new AttemptOutcome(TaskState.ERROR, null, Instant.EPOCH, null, List.of(), "", "", "x");
        AttemptOutcome epoch = new AttemptOutcome(TaskState.ERROR, Instant.EPOCH, Instant.EPOCH, null, List.of(), "", "",
                "x");
        assertFalse(Arrays.equals(Reports.bytes(noTimes), Reports.bytes(epoch)));
    }
}
