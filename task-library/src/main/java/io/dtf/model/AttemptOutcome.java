package io.dtf.model;

import java.time.Instant;
import java.util.List;

/**
 * What a worker reports for one attempt of a task.
 *
 * @param status    PASSED, FAILED (the task's own verdict), ERROR (it could not run) or TIMED_OUT
 * @param exitCode  the process exit code, null for in-process tasks or when killed
 * @param error     a one-paragraph reason when the attempt did not pass, else null
 */
public record AttemptOutcome(
        TaskState status,
        Instant startedAt,
        Instant endedAt,
        Integer exitCode,
        List<Metric> metrics,
        String stdoutTail,
        String stderrTail,
        String error) {

    public AttemptOutcome {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    public static AttemptOutcome error(Instant startedAt, String error) {
        return new AttemptOutcome(TaskState.ERROR, startedAt, Instant.now(), null, List.of(), "", "", error);
    }
}
