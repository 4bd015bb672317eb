package io.dtf.security.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.Metric;
import io.dtf.model.ReportSignature;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportVerifierTest {
    private final ReportSigner worker = ReportSigner.generate();
    private final ReportSigner stranger = ReportSigner.generate();
    private final NodeKey registered = NodeKey.of(Reports.NODE, worker.publicKeyText(), Instant.now());
    private final ReportVerifier verifier = new ReportVerifier(id -> id.equals(Reports.NODE) ? registered : null, true);

    private Optional<String> check(String attemptId, AttemptOutcome outcome, ReportSignature signature) {
        return verifier.refusal(Reports.TASK_KEY, attemptId, Reports.NODE, Reports.HW, outcome, signature);
    }

    @Test
    void aReportSignedByItsNodeIsAccepted() {
        AttemptOutcome o = Reports.passed(1.5, 2.25);
        assertEquals(Optional.empty(), check(Reports.ATTEMPT, o, worker.sign(Reports.bytes(o))));
        assertEquals(worker.fingerprint(), registered.fingerprint());
    }

    @Test
    void metricsAlteredAfterSigningAreRefused() {
        AttemptOutcome o = Reports.passed(1.5, 2.25);
        ReportSignature s = worker.sign(Reports.bytes(o));
        AttemptOutcome faster = new AttemptOutcome(o.status(), o.startedAt(), o.endedAt(), o.exitCode(),
                List.of(new Metric("throughput", "MB/s", List.of(15.0, 22.5))), o.stdoutTail(), o.stderrTail(), null);
        assertTrue(check(Reports.ATTEMPT, faster, s).orElseThrow().contains("changed after signing"));
    }

    @Test
    void aTestCaseAlteredAfterSigningIsRefusedAndAResultWithTestsVerifies() {
        AttemptOutcome o = Reports.junit();
        ReportSignature s = worker.sign(Reports.bytes(o));
        assertEquals(Optional.empty(), check(Reports.ATTEMPT, o, s));
        assertEquals(Optional.empty(), verifier.refusal(Reports.result(o, TaskState.FAILED, s)));

        TestCase failed = o.tests().get(1);
        AttemptOutcome passedInstead = o.withTests(List.of(o.tests().get(0), new TestCase(failed.className(),
                failed.method(), failed.displayName(), failed.uniqueId(), TestStatus.PASSED, failed.durationMillis(),
                null, null, null, failed.stdoutTail(), failed.stderrTail())));
        assertTrue(check(Reports.ATTEMPT, passedInstead, s).orElseThrow().contains("changed after signing"));
        assertTrue(verifier.refusal(Reports.result(passedInstead, TaskState.PASSED, s)).orElseThrow()
                .contains("changed after signing"));
        assertTrue(check(Reports.ATTEMPT, o.withTests(List.of()), s).orElseThrow().contains("changed after signing"),
                "dropping the tests is a change too");
    }

    @Test
    void aReportWithoutTestsSignedAsBeforeStillVerifies() {
        AttemptOutcome o = Reports.passed(1.5, 2.25);
        ReportSignature s = worker.sign(Reports.bytes(o));
        assertEquals(Optional.empty(), check(Reports.ATTEMPT, o.withTests(List.of()), s));
        assertEquals(Optional.empty(), verifier.refusal(Reports.result(o, TaskState.PASSED, s)));
    }

    @Test
    void anUnsignedReportWithTestCasesIsRefusedEvenWhenItSaysItDidNotRun() {
        AttemptOutcome lostWithTests = Reports.lost().withTests(Reports.junit().tests());
        assertTrue(check(Reports.ATTEMPT, lostWithTests, null).orElseThrow().contains("not signed"));
        assertTrue(verifier.refusal(Reports.result(lostWithTests, TaskState.ERROR, null)).isPresent());
    }

    @Test
    void aReportSignedByAnotherKeyIsRefused() {
        AttemptOutcome o = Reports.passed(1.5);
        Optional<String> refused = check(Reports.ATTEMPT, o, stranger.sign(Reports.bytes(o)));
        assertTrue(refused.orElseThrow().contains("registered key is " + worker.fingerprint()), refused.get());
        // Claiming the registered key's fingerprint does not help: the signature still fails.
        ReportSignature claimed = new ReportSignature(worker.fingerprint(), stranger.sign(Reports.bytes(o)).value());
        assertTrue(check(Reports.ATTEMPT, o, claimed).orElseThrow().contains("does not match"));
    }

    @Test
    void aReportReplayedForAnotherAttemptIsRefused() {
        AttemptOutcome o = Reports.passed(1.5);
        ReportSignature s = worker.sign(Reports.bytes(o));
        assertTrue(check("3:2", o, s).orElseThrow().contains("another attempt"));
    }

    @Test
    void aNodeWithoutARegisteredKeyIsRefused() {
        AttemptOutcome o = Reports.passed(1.5);
        ReportSignature s = worker.sign(ReportBytes.of(Reports.TASK_KEY, Reports.ATTEMPT, "ghost", Reports.HW, o));
        assertEquals("node ghost has no registered report key",
                verifier.refusal(Reports.TASK_KEY, Reports.ATTEMPT, "ghost", Reports.HW, o, s).orElseThrow());
    }

    @Test
    void unsignedReportsAreRefusedUnlessTheySayOnlyThatTheAttemptDidNotRun() {
        assertTrue(check(Reports.ATTEMPT, Reports.passed(1.0), null).orElseThrow().contains("not signed"));
        AttemptOutcome failedWithOutput = new AttemptOutcome(TaskState.ERROR, Instant.EPOCH, Instant.EPOCH, null,
                List.of(), "some output", "", "crashed");
        assertTrue(check(Reports.ATTEMPT, failedWithOutput, null).isPresent());
        assertEquals(Optional.empty(), check(Reports.ATTEMPT, Reports.lost(), null));
        ReportVerifier off = new ReportVerifier(id -> null, false);
        assertEquals(Optional.empty(), off.refusal(Reports.TASK_KEY, Reports.ATTEMPT, Reports.NODE, Reports.HW,
                Reports.passed(1.0), null));
    }

    @Test
    void malformedSignaturesAreRefusedNotThrown() {
        AttemptOutcome o = Reports.passed(1.5);
        assertTrue(check(Reports.ATTEMPT, o, new ReportSignature(worker.fingerprint(), "not base64!")).orElseThrow()
                .contains("malformed"));
        assertTrue(check(Reports.ATTEMPT, o, new ReportSignature(worker.fingerprint(), "AAAA")).isPresent());
        assertTrue(check(Reports.ATTEMPT, o, new ReportSignature(worker.fingerprint(), null)).isPresent());
    }

    @Test
    void storedResultsVerifyAfterJsonAndRefuseEdits() {
        AttemptOutcome o = Reports.passed(1.5, 2.25);
        TaskResult stored = Json.read(Json.write(Reports.result(o, TaskState.FLAKY, worker.sign(Reports.bytes(o)))),
                TaskResult.class);
        assertEquals(Optional.empty(), verifier.refusal(stored));
        TaskResult edited = new TaskResult(stored.seq(), stored.runId(), stored.suite(), stored.taskId(),
                stored.taskName(), stored.params(), stored.attempt(), stored.finalAttempt(), stored.status(),
                stored.startedAt(), stored.endedAt(), stored.nodeId(), stored.hwClass(), stored.exitCode(),
                List.of(new Metric("throughput", "MB/s", List.of(1.5, 2.0))), stored.stdoutTail(), stored.stderrTail(),
                stored.error(), stored.category(), stored.decision(), stored.signature());
        assertTrue(verifier.refusal(edited).isPresent());
        TaskResult stripped = Json.read(Json.write(Reports.result(o, TaskState.PASSED, null)), TaskResult.class);
        assertTrue(verifier.refusal(stripped).orElseThrow().contains("not signed"));
    }

    @Test
    void oldResultsWithoutASignatureStayReadable() {
        String old = "{\"seq\":7,\"runId\":\"r\",\"suite\":\"s\",\"taskId\":\"t\",\"taskName\":\"t\",\"params\":{},"
                + "\"attempt\":1,\"finalAttempt\":true,\"status\":\"PASSED\",\"startedAt\":1.0,\"endedAt\":2.0,"
                + "\"nodeId\":\"n\",\"hwClass\":\"h\",\"exitCode\":0,\"metrics\":[],\"stdoutTail\":\"\","
                + "\"stderrTail\":\"\",\"error\":null,\"category\":null,\"decision\":\"final\"}";
        TaskResult read = Json.read(old, TaskResult.class);
        assertEquals(7, read.seq());
        assertEquals(null, read.signature());
        assertEquals(Optional.empty(), new ReportVerifier(id -> null, false).refusal(read));
    }

    @Test
    void aKeyThatIsNotAnEcPublicKeyIsRefusedAtRegistration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeKey.of("n", "bm90IGEga2V5", Instant.now()));
        assertTrue(e.getMessage().startsWith("report key:"));
    }
}
