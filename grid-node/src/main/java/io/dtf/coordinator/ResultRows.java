package io.dtf.coordinator;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.ResultSignature;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.protocol.JobReply;
import java.time.Instant;
import java.util.List;

/** The result rows the coordinator records: one per ended attempt, and one for a task that ended without one. */
final class ResultRows {
    /** The decision recorded for the attempt that lost a speculative race. */
    static final String LOST_RACE = "speculative: other attempt finished first";
    /** The decision recorded for an attempt that ended badly while its task's other attempt runs on. */
    static final String OTHER_RUNS = "speculative: the other attempt still runs; the task waits for it";

    private ResultRows() {
    }

    /** The row of attempt {@code attempt} of {@code task}, from its worker's reply. */
    static TaskResult ofReply(long seq, TaskRecord task, int attempt, boolean isFinal, TaskState status,
                              JobReply reply, String decision) {
        TaskSpec spec = task.spec();
        AttemptOutcome outcome = reply.outcome();
        return new TaskResult(seq, task.runId(), task.suite(), spec.id(), spec.name(), spec.params(), attempt, isFinal,
                status, outcome.startedAt(), outcome.endedAt(), reply.nodeId(), reply.hwClass(), outcome.exitCode(),
                outcome.metrics(), outcome.stdoutTail(), outcome.stderrTail(), outcome.error(), outcome.category(),
                decision, ResultSignature.of(reply.attemptId(), outcome.status(), reply.signature()), outcome.tests());
    }

    /** The final row of a task that ended while it waited: cancelled, or given up. */
    static TaskResult withoutAttempt(long seq, TaskRecord task, TaskState status, Instant now, String reason,
                                     FailureCategory category, String decision) {
        TaskSpec spec = task.spec();
        return new TaskResult(seq, task.runId(), task.suite(), spec.id(), spec.name(), spec.params(), task.attempts(),
                true, status, now, now, null, null, null, List.of(), "", "", reason, category, decision);
    }

    /** The row of the attempt that lost a speculative race: stopped at {@code now}, CANCELLED. */
    static TaskResult lostRace(long seq, TaskRecord task, RunningAttempt loser, Instant now) {
        TaskSpec spec = task.spec();
        return new TaskResult(seq, task.runId(), task.suite(), spec.id(), spec.name(), spec.params(),
                loser.id().number(), false, TaskState.CANCELLED, loser.since(), now, loser.nodeId(), null, null,
                List.of(), "", "", "stopped: the other attempt of this task passed first", null,
                LOST_RACE);
    }
}
