package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.RetryPolicy;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, Object> NODE = Map.of(AttemptPolicy.NODE_ID, "n1",
            "dtf.memory.bytes", 16L << 30, "dtf.gpu.memory.bytes", 8L << 30);

    @Test
    void anInfrastructureFailureIsRetriedOnAnotherNodeAfterABackoffWithinTheCap() {
        TaskRecord t = running(Tasks.spec("t", 0), RetryState.NONE);

        AttemptPolicy.Decision d = AttemptPolicy.decide(t, failed(FailureCategory.NODE_LEFT, ""), NODE, NOW, 0.5);

        assertEquals(TaskState.QUEUED, d.next());
        assertEquals(List.of("n1"), d.retry().avoidNodes());
        assertEquals(1, d.retry().infraFailures());
        Duration delay = Duration.between(NOW, d.retry().notBefore());
        assertTrue(delay.compareTo(Duration.ofMillis(250)) >= 0 && delay.compareTo(Duration.ofMillis(500)) <= 0,
                delay.toString());
        assertEquals(d.retry().notBefore().plus(t.spec().timeout()), d.retry().waitUntil(),
                "it waits for a matching node at most its timeout");
        assertTrue(d.decision().startsWith("retry in 0.4 s on another node if one matches (node left, 1 of 3)"), d.decision());
    }

    @Test
    void backoffDoublesWithJitterAndStopsAtTheCap() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertEquals(Duration.ofMillis(500), p.delay(1, 0));
        assertEquals(Duration.ofMillis(999), p.delay(1, 0.999), "never more than the full backoff");
        assertEquals(Duration.ofMillis(2000), p.delay(3, 0));
        assertEquals(Duration.ofMillis(5000), p.delay(8, 0), "capped at 10 s, of which at least half");
        assertEquals(Duration.ofMillis(5000), p.delay(200, 0), "no overflow on a large count");
    }

    @Test
    void infrastructureRetriesRunOutIntoAFinalStateThatSaysSo() {
        TaskRecord t = running(Tasks.spec("t", 0), new RetryState(0, 3, List.of("a", "b", "c"), List.of(), null, null));

        AttemptPolicy.Decision d = AttemptPolicy.decide(t, failed(FailureCategory.PROCESS_CRASH, ""), NODE, NOW, 0);

        assertEquals(TaskState.ERROR, d.next());
        assertTrue(d.decision().contains("its 3 infrastructure retries are used up"), d.decision());
    }

    @Test
    void aPlainTestFailureIsNotRetriedUnlessTheTaskAsks() {
        AttemptOutcome fail = new AttemptOutcome(TaskState.FAILED, NOW, NOW, 1, List.of(), "", "", "exit 1");
        AttemptPolicy.Decision none = AttemptPolicy.decide(running(Tasks.spec("t", 0), RetryState.NONE), fail, NODE,
                NOW, 0);
        assertEquals(TaskState.FAILED, none.next());
        assertTrue(none.decision().contains("asks for no retries"), none.decision());

        AttemptPolicy.Decision retried = AttemptPolicy.decide(running(Tasks.retried("t", 1), RetryState.NONE), fail,
                NODE, NOW, 0);
        assertEquals(TaskState.QUEUED, retried.next());
        assertEquals(List.of(), retried.retry().avoidNodes(), "a test failure may run again on the same node");
        assertEquals(null, retried.retry().notBefore());
    }

    @Test
    void aPassAfterAFailedTestIsFlakyButAPassAfterAnInfrastructureFailureIsNot() {
        AttemptOutcome pass = new AttemptOutcome(TaskState.PASSED, NOW, NOW, 0, List.of(), "", "", null);
        assertEquals(TaskState.FLAKY, AttemptPolicy.decide(running(Tasks.retried("t", 1),
                new RetryState(1, 0, List.of(), List.of(), null, null)), pass, NODE, NOW, 0).next());
        assertEquals(TaskState.PASSED, AttemptPolicy.decide(running(Tasks.spec("t", 0),
                new RetryState(0, 2, List.of("x"), List.of(), null, null)), pass, NODE, NOW, 0).next());
    }

    @Test
    void runningOutOfMemoryAsksForMoreOfTheMemoryThatRanOut() {
        TaskRecord t = running(Tasks.spec("t", 0, "tag cuda"), RetryState.NONE);

        AttemptPolicy.Decision host = AttemptPolicy.decide(t, failed(FailureCategory.RESOURCE_EXHAUSTED,
                "java.lang.OutOfMemoryError: Java heap space"), NODE, NOW, 0);
        AttemptPolicy.Decision gpu = AttemptPolicy.decide(t, failed(FailureCategory.RESOURCE_EXHAUSTED,
                "RuntimeError: CUDA out of memory"), NODE, NOW, 0);

        assertEquals("dtf.memory.bytes", host.retry().extra().get(0).key());
        assertTrue(host.retry().extra().get(0).test(Map.of("dtf.memory.bytes", 32L << 30)));
        assertTrue(!host.retry().extra().get(0).test(Map.of("dtf.memory.bytes", 16L << 30)), "not the same size");
        assertEquals("dtf.gpu.memory.bytes", gpu.retry().extra().get(0).key());
        assertTrue(gpu.decision().contains("needing"), gpu.decision());
    }

    @Test
    void aBadDefinitionIsNeverRetried() {
        AttemptPolicy.Decision d = AttemptPolicy.decide(running(Tasks.retried("t", 3), RetryState.NONE),
                failed(FailureCategory.BAD_DEFINITION, "no such executable"), NODE, NOW, 0);
        assertEquals(TaskState.ERROR, d.next());
    }

    private static TaskRecord running(TaskSpec spec, RetryState retry) {
        return Tasks.queued(1, spec).startOn("n1", 1, Instant.now()).withRetry(retry);
    }

    private static AttemptOutcome failed(FailureCategory category, String stderr) {
        return new AttemptOutcome(TaskState.ERROR, NOW, NOW, null, List.of(), "", stderr, "failed", category);
    }
}
