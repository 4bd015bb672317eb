package io.dtf.coordinator;

import io.dtf.hardware.HardwareKeys;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an ended attempt means for its task. A pass ends it (FLAKY if a test attempt failed
 * before). A failure of the machine (see {@link FailureCategory#isInfrastructure}) is retried on
 * another node after a backoff (on the same one when no other matching node is up), up to
 * {@code retry.infra} times; running out of memory also asks
 * for more memory than the node that ran out. A test failure or timeout is retried only while
 * {@code retries} allows; a bad definition never is.
 */
public final class AttemptPolicy {
    private AttemptPolicy() {
    }

    /**
     * @param next      the task's next state: QUEUED for another attempt, else final
     * @param retry     the task's retry state after this attempt
     * @param decision  what happens next and why, for the attempt's record
     */
    public record Decision(TaskState next, RetryState retry, String decision) {
    }

    /**
     * @param node    the attributes of the node that ran the attempt, empty when unknown
     * @param unit    a uniform random number in [0, 1) for the backoff's jitter
     */
    public static Decision decide(TaskRecord task, AttemptOutcome outcome, Map<String, ?> node, Instant now,
                                  double unit) {
        TaskSpec spec = task.spec();
        RetryState was = task.retry();
        if (outcome.status().isSuccess()) {
            return was.testFailures() > 0
                    ? new Decision(TaskState.FLAKY, was, "final: passed after " + was.testFailures()
                            + " failed attempt(s), so FLAKY")
                    : new Decision(TaskState.PASSED, was, "final");
        }
        FailureCategory category = outcome.category() == null ? FailureCategory.INFRASTRUCTURE : outcome.category();
        String what = category.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (category.isInfrastructure()) {
            int n = was.infraFailures() + 1;
            if (n > spec.retry().infraRetries()) {
                // Not "on other nodes": with no other node matching, a retry runs where the task failed before.
                return new Decision(outcome.status(), was.withInfraFailures(n),
                        "final: " + what + ", and its " + spec.retry().infraRetries()
                                + " infrastructure retries are used up");
            }
            Duration delay = spec.retry().delay(n, unit);
            List<String> avoid = new ArrayList<>(was.avoidNodes());
            Object nodeId = node.get(NODE_ID);
            if (nodeId != null && !avoid.contains(nodeId.toString())) {
                avoid.add(nodeId.toString());
            }
            List<Requirement> extra = new ArrayList<>(was.extra());
            String more = "";
            if (category == FailureCategory.RESOURCE_EXHAUSTED) {
                Requirement bigger = moreMemoryThan(node, outcome);
                if (bigger != null) {
                    extra.removeIf(r -> r.key().equals(bigger.key()));
                    extra.add(bigger);
                    more = ", needing " + bigger.expression();
                }
            }
            RetryState retry = new RetryState(was.testFailures(), n, avoid, extra, now.plus(delay),
                    now.plus(delay).plus(spec.timeout()));
            return new Decision(TaskState.QUEUED, retry, String.format(Locale.ROOT,
                    "retry in %.1f s on another node if one matches%s (%s, %d of %d)", delay.toMillis() / 1000.0, more, what, n,
                    spec.retry().infraRetries()));
        }
        if (category == FailureCategory.BAD_DEFINITION) {
            return new Decision(outcome.status(), was, "final: the task cannot run as defined; not retried");
        }
        int n = was.testFailures() + 1;
        RetryState retry = new RetryState(n, was.infraFailures(), was.avoidNodes(), was.extra(), null,
                was.waitUntil() == null ? null : now.plus(spec.timeout()));
        if (n > spec.retries()) {
            return new Decision(outcome.status(), retry, spec.retries() == 0
                    ? "final: " + what + "; the task asks for no retries"
                    : "final: " + what + ", and its " + spec.retries() + " retries are used up");
        }
        return new Decision(TaskState.QUEUED, retry, "retry (" + what + ", " + n + " of " + spec.retries() + ")");
    }

    /**
     * An attempt lost with its coordinator (no worker knew it after the takeover): run again, as
     * it was, counted against neither the task's retries nor any node.
     */
    public static Decision lostWithCoordinator(TaskRecord task) {
        return new Decision(TaskState.QUEUED, task.retry(),
                "run again: lost with its coordinator, not counted against any retries");
    }

    /** The pseudo-attribute under which callers pass the node's id in {@code node}. */
    public static final String NODE_ID = "dtf.node.id";

    /**
     * After running out of memory: a node with more of the memory that ran out. GPU memory when the
     * node has some and the failure names the GPU, host memory otherwise.
     */
    private static Requirement moreMemoryThan(Map<String, ?> node, AttemptOutcome outcome) {
        String text = (outcome.error() + " " + outcome.stderrTail()).toLowerCase(Locale.ROOT);
        Long gpu = bytes(node.get(HardwareKeys.GPU_MEMORY_BYTES));
        boolean gpuRanOut = gpu != null && gpu > 0 && (text.contains("cuda") || text.contains("gpu")
                || text.contains("device memory"));
        String key = gpuRanOut ? HardwareKeys.GPU_MEMORY_BYTES : HardwareKeys.MEMORY_BYTES;
        Long had = gpuRanOut ? gpu : bytes(node.get(HardwareKeys.MEMORY_BYTES));
        return had == null || had <= 0 ? null : Requirement.parse(key + " > " + had);
    }

    private static Long bytes(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? null : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
