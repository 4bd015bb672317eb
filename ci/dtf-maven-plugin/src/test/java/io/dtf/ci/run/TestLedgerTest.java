package io.dtf.ci.run;

import static io.dtf.ci.run.Results.result;
import static io.dtf.ci.run.Results.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.report.TestOutcome;
import io.dtf.model.TaskState;
import io.dtf.model.TestStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLedgerTest {
    private static final TestBatch BATCH = new TestBatch(List.of("class:a.ParserTest", "class:a.LexerTest"),
            List.of("tag gpu"), Duration.ZERO);

    @Test
    void aTestThatFailsAndThenPassesIsFlakyWithItsFailureKept() {
        TestLedger ledger = new TestLedger();
        ledger.record(BATCH, result("t1", TaskState.FAILED, "n1", test("a.ParserTest", "parses", TestStatus.FAILED),
                test("a.ParserTest", "lexes", TestStatus.PASSED), test("a.LexerTest", "lexes", TestStatus.PASSED)));
        List<TestBatch> reruns = ledger.reruns();
        assertEquals(List.of(new TestBatch(List.of("uid:[engine:junit-jupiter]/[class:a.ParserTest]/[method:parses()]"),
                List.of("tag gpu"), Duration.ZERO)), reruns);
        ledger.recordRerun(reruns.get(0), result("r1", TaskState.PASSED, "n2", test("a.ParserTest", "parses",
                TestStatus.PASSED)));
        assertEquals(List.of(), ledger.reruns());
        TestOutcome parses = ledger.outcomes().get(0);
        assertEquals(TestStatus.FLAKY, parses.last().status());
        assertEquals(List.of(TestStatus.FAILED), parses.earlier().stream().map(t -> t.status()).toList());
        assertEquals("n2", parses.nodeId());
        assertEquals("hw-n2", parses.hwClass());
        assertEquals(3, ledger.outcomes().size());
    }

    @Test
    void aTestThatFailsEveryTimeStaysFailedWithEachAttempt() {
        TestLedger ledger = new TestLedger();
        ledger.record(BATCH, result("t1", TaskState.FAILED, "n1", test("a.ParserTest", "parses", TestStatus.FAILED),
                test("a.LexerTest", "lexes", TestStatus.PASSED)));
        TestBatch rerun = ledger.reruns().get(0);
        ledger.recordRerun(rerun, result("r1", TaskState.FAILED, "n2", test("a.ParserTest", "parses", TestStatus.FAILED)));
        TestOutcome parses = ledger.outcomes().get(0);
        assertEquals(TestStatus.FAILED, parses.last().status());
        assertEquals(1, parses.earlier().size());
        assertEquals(1, ledger.reruns().size());
    }

    @Test
    void aTaskThatDiedWithoutReportingAClassIsAnErrorOfThatClassAndReruns() {
        TestLedger ledger = new TestLedger();
        ledger.record(BATCH, result("t1", TaskState.TIMED_OUT, "n1", test("a.ParserTest", "parses", TestStatus.PASSED)));
        List<TestOutcome> outcomes = ledger.outcomes();
        assertEquals(2, outcomes.size());
        TestOutcome lexer = outcomes.get(1);
        assertEquals("a.LexerTest", lexer.last().className());
        assertEquals(TestStatus.ERROR, lexer.last().status());
        assertTrue(lexer.last().message().startsWith("task t1 ended TIMED_OUT on node n1"), lexer.last().message());
        assertEquals(List.of("class:a.LexerTest"), ledger.reruns().get(0).selectors());

        ledger.recordRerun(ledger.reruns().get(0), result("r1", TaskState.PASSED, "n2",
                test("a.LexerTest", "lexes", TestStatus.PASSED)));
        assertEquals(TestStatus.FLAKY, ledger.outcomes().get(1).last().status());
    }

    @Test
    void aTaskThatFailedThoughEveryTestPassedStillFailsTheRun() {
        TestLedger ledger = new TestLedger();
        ledger.record(BATCH, result("t1", TaskState.ERROR, "n1", test("a.ParserTest", "parses", TestStatus.PASSED),
                test("a.LexerTest", "lexes", TestStatus.PASSED)));
        assertEquals(1, ledger.outcomes().stream().filter(o -> o.last().status() == TestStatus.ERROR).count());
    }

    @Test
    void aRerunThatReportsNothingForTheTestKeepsItFailed() {
        TestLedger ledger = new TestLedger();
        ledger.record(BATCH, result("t1", TaskState.FAILED, "n1", test("a.ParserTest", "parses", TestStatus.FAILED),
                test("a.LexerTest", "lexes", TestStatus.PASSED)));
        ledger.recordRerun(ledger.reruns().get(0), result("r1", TaskState.PASSED, "n2"));
        TestOutcome parses = ledger.outcomes().get(0);
        assertEquals(TestStatus.FAILED, parses.last().status());
        assertTrue(parses.last().message().contains("reported nothing of its class"), parses.last().message());
    }
}
