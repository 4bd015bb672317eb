package io.dtf.coordinator;

import io.dtf.requirements.Requirement;
import java.time.Instant;
import java.util.List;

/**
 * What a task's failed attempts have taught the scheduler: how many of each kind there were, the
 * nodes it must not go back to, the extra requirements it picked up (more memory after running
 * out), and when its next attempt may start and until when it may wait for a matching node.
 *
 * @param testFailures   attempts that failed as tests (or timed out), counted against {@code retries}
 * @param infraFailures  attempts the machine failed, counted against {@code retry.infra}
 * @param avoidNodes     node ids it failed on for infrastructure reasons
 * @param extra          requirements added after a failure, e.g. {@code memory > 16GiB}
 * @param notBefore      the backoff: no attempt starts before this; null for at once
 * @param waitUntil      a retry waiting for a matching node gives up at this time; null for no limit
 */
public record RetryState(int testFailures, int infraFailures, List<String> avoidNodes, List<Requirement> extra,
                         Instant notBefore, Instant waitUntil) {
    public static final RetryState NONE = new RetryState(0, 0, List.of(), List.of(), null, null);

    public RetryState {
        avoidNodes = avoidNodes == null ? List.of() : List.copyOf(avoidNodes);
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    public RetryState withInfraFailures(int value) {
        return new RetryState(testFailures, value, avoidNodes, extra, notBefore, waitUntil);
    }

    /** Whether the scheduler must look at this task on its own rather than as one of a group. */
    public boolean constrainsPlacement() {
        return !avoidNodes.isEmpty() || notBefore != null || waitUntil != null;
    }
}
