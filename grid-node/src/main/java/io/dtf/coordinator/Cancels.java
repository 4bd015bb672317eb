package io.dtf.coordinator;

import io.dtf.model.CancelReply;
import io.dtf.model.TaskState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Cancelling runs and tasks: what a request covers, and the stops sent to workers for attempts
 * that run (also the loser of a speculative race). A stop is sent again every
 * {@link CoordinatorSettings#stopResend()} while its attempt still runs, since the first may reach
 * the worker before the attempt has started there (or be lost with a connection); the worker
 * ignores a stop for an attempt it no longer runs. The attempt then reports as usual, and the
 * coordinator records it CANCELLED ({@link #DECISION}).
 *
 * <p>Confined to the coordinator's loop thread, like the rest of its state.
 */
final class Cancels {
    /** The decision recorded with every attempt and task a cancel ended. */
    static final String DECISION = "final: cancelled by request";

    /** What a request finds: tasks to dequeue, attempts to stop, and how many tasks had already ended. */
    record Plan(List<TaskRecord> queued, List<TaskRecord> running, int ended) {
        boolean changesSomething() {
            return !queued.isEmpty() || !running.isEmpty();
        }

        CancelReply reply(String runId) {
            return new CancelReply(runId, queued.size(), running.size(), ended, List.of());
        }
    }

    private record Stop(String taskKey, String attemptId, String nodeId, long sentAt) {
    }

    private final Dispatcher dispatcher;
    private final long resendMs;
    /** {@code <task key> <attempt id>} -> the stop sent for that attempt. */
    private final Map<String, Stop> stopping = new LinkedHashMap<>();

    Cancels(Dispatcher dispatcher, CoordinatorSettings settings) {
        this.dispatcher = dispatcher;
        this.resendMs = settings.stopResend().toMillis();
    }

    /** Why a request for {@code taskId} (null: the whole run) of {@code run} cannot be carried out, or null. */
    static String refusal(String runId, RunState run, String taskId, Function<String, TaskRecord> tasks) {
        if (run == null) {
            return "no run '" + runId + "' on this grid";
        }
        if (taskId != null && tasks.apply(TaskRecord.key(runId, taskId)) == null) {
            return "run " + runId + " has no task '" + taskId + "'";
        }
        return null;
    }

    /** The tasks of {@code run} a request for {@code taskId} (null: every task) covers, by state. */
    static Plan plan(RunState run, String taskId, Function<String, TaskRecord> tasks) {
        List<TaskRecord> queued = new ArrayList<>();
        List<TaskRecord> running = new ArrayList<>();
        int ended = 0;
        List<String> keys = taskId == null ? run.taskKeys : List.of(TaskRecord.key(run.runId(), taskId));
        for (String key : keys) {
            TaskRecord t = tasks.apply(key);
            if (t.state() == TaskState.QUEUED) {
                queued.add(t);
            } else if (t.state() == TaskState.RUNNING) {
                running.add(t);
            } else {
                ended++;
            }
        }
        return new Plan(queued, running, ended);
    }

    /** The decision for an attempt of a cancelled task that did not pass: the task ends, CANCELLED. */
    static AttemptPolicy.Decision decision(TaskRecord task) {
        return new AttemptPolicy.Decision(TaskState.CANCELLED, task.retry(), DECISION);
    }

    /** Asks the worker running {@code attempt} to stop it, now. */
    void stop(RunningAttempt attempt, long epoch, long nowMs) {
        stopping.put(attempt.taskKey() + " " + attempt.attemptId(),
                new Stop(attempt.taskKey(), attempt.attemptId(), attempt.nodeId(), nowMs));
        dispatcher.stop(attempt.nodeId(), attempt.taskKey(), attempt.attemptId(), epoch);
    }

    /** Stops {@code attempt} at the next {@link #resend}: after a takeover, once the loop runs. */
    void stopSoon(RunningAttempt attempt) {
        stopping.put(attempt.taskKey() + " " + attempt.attemptId(),
                new Stop(attempt.taskKey(), attempt.attemptId(), attempt.nodeId(), Long.MIN_VALUE / 2));
    }

    /** Sends the stops due again; forgets those whose attempt has ended ({@code running} says which run). */
    void resend(BiPredicate<String, String> running, long epoch, long nowMs) {
        for (Iterator<Map.Entry<String, Stop>> it = stopping.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Stop> e = it.next();
            Stop s = e.getValue();
            if (!running.test(s.taskKey(), s.attemptId())) {
                it.remove();
            } else if (nowMs - s.sentAt() >= resendMs) {
                e.setValue(new Stop(s.taskKey(), s.attemptId(), s.nodeId(), nowMs));
                dispatcher.stop(s.nodeId(), s.taskKey(), s.attemptId(), epoch);
            }
        }
    }
}
