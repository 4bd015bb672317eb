package io.dtf.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The record of one attempt, as stored in the results cache and replicated into DuckDB.
 *
 * @param seq           cluster-wide sequence number, unique and increasing per result within one grid
 *                      incarnation (an in-memory grid numbers from 1 again after a restart: the DuckDB
 *                      replica tells them apart by the grid's id, see {@code ResultOrigin})
 * @param finalAttempt  true for the attempt that ended the task (exactly one per task)
 * @param hwClass       the hardware class of the node that ran it
 * @param category      why the attempt did not pass; null when it passed
 * @param decision      what the coordinator did next, e.g. "retry in 0.7 s on another node if one matches (infrastructure, 1 of 3)"
 * @param signature     the worker's signature over the report this result was made from; null when the
 *                      coordinator made the result itself, when signing is off, and in results stored
 *                      before signing existed
 * @param tests         the test cases of a {@code junit} task's attempt; empty for other task types
 */
public record TaskResult(
        long seq,
        String runId,
        String suite,
        String taskId,
        String taskName,
        Map<String, String> params,
        int attempt,
        boolean finalAttempt,
        TaskState status,
        Instant startedAt,
        Instant endedAt,
        String nodeId,
        String hwClass,
        Integer exitCode,
        List<Metric> metrics,
        String stdoutTail,
        String stderrTail,
        String error,
        FailureCategory category,
        String decision,
        ResultSignature signature,
        List<TestCase> tests) {

    public TaskResult {
        params = params == null ? Map.of() : Map.copyOf(params);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** A result without test cases. */
    public TaskResult(long seq, String runId, String suite, String taskId, String taskName, Map<String, String> params,
                      int attempt, boolean finalAttempt, TaskState status, Instant startedAt, Instant endedAt,
                      String nodeId, String hwClass, Integer exitCode, List<Metric> metrics, String stdoutTail,
                      String stderrTail, String error, FailureCategory category, String decision,
                      ResultSignature signature) {
        this(seq, runId, suite, taskId, taskName, params, attempt, finalAttempt, status, startedAt, endedAt, nodeId,
                hwClass, exitCode, metrics, stdoutTail, stderrTail, error, category, decision, signature, List.of());
    }

    /** A result that carries no worker's signature. */
    public TaskResult(long seq, String runId, String suite, String taskId, String taskName, Map<String, String> params,
                      int attempt, boolean finalAttempt, TaskState status, Instant startedAt, Instant endedAt,
                      String nodeId, String hwClass, Integer exitCode, List<Metric> metrics, String stdoutTail,
                      String stderrTail, String error, FailureCategory category, String decision) {
        this(seq, runId, suite, taskId, taskName, params, attempt, finalAttempt, status, startedAt, endedAt, nodeId,
                hwClass, exitCode, metrics, stdoutTail, stderrTail, error, category, decision, null, List.of());
    }
}
