package io.dtf.model;

import java.time.Instant;
import java.util.List;

/**
 * What a worker reports for one attempt of a task.
 *
 * @param status    PASSED, FAILED (the task's own verdict), ERROR (it could not run) or TIMED_OUT
 * @param exitCode  the process exit code, null for in-process tasks or when killed
 * @param error     a one-paragraph reason when the attempt did not pass, else null
 * @param category  why it did not pass, null when it passed
 * @param tests     the test cases a {@code junit} task ran, in the order they ended; empty for other types
 */
public record AttemptOutcome(
        TaskState status,
        Instant startedAt,
        Instant endedAt,
        Integer exitCode,
        List<Metric> metrics,
        String stdoutTail,
        String stderrTail,
        String error,
        FailureCategory category,
        List<TestCase> tests) {

    public AttemptOutcome {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        tests = tests == null ? List.of() : List.copyOf(tests);
        if (category == null && status != null) {
            category = FailureCategory.defaultFor(status);
        }
    }

    /** An outcome without test cases. */
    public AttemptOutcome(TaskState status, Instant startedAt, Instant endedAt, Integer exitCode, List<Metric> metrics,
                          String stdoutTail, String stderrTail, String error, FailureCategory category) {
        this(status, startedAt, endedAt, exitCode, metrics, stdoutTail, stderrTail, error, category, List.of());
    }

    /** An outcome whose category follows from its status ({@link FailureCategory#defaultFor}). */
    public AttemptOutcome(TaskState status, Instant startedAt, Instant endedAt, Integer exitCode, List<Metric> metrics,
                          String stdoutTail, String stderrTail, String error) {
        this(status, startedAt, endedAt, exitCode, metrics, stdoutTail, stderrTail, error, null);
    }

    /** The attempt could not run, for the reason and in the category given. */
    public static AttemptOutcome error(Instant startedAt, FailureCategory category, String error) {
        return new AttemptOutcome(TaskState.ERROR, startedAt, Instant.now(), null, List.of(), "", "", error, category);
    }

    /** The attempt could not run because the grid failed it. */
    public static AttemptOutcome error(Instant startedAt, String error) {
        return error(startedAt, FailureCategory.INFRASTRUCTURE, error);
    }

    public AttemptOutcome withCategory(FailureCategory value) {
        return new AttemptOutcome(status, startedAt, endedAt, exitCode, metrics, stdoutTail, stderrTail, error, value,
                tests);
    }

    public AttemptOutcome withTests(List<TestCase> value) {
        return new AttemptOutcome(status, startedAt, endedAt, exitCode, metrics, stdoutTail, stderrTail, error, category,
                value);
    }
}
