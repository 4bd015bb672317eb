package io.dtf.coordinator;

import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.protocol.AttemptId;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every task the coordinator knows and the attempts that run for it. A task's state changes only in
 * {@link #transition}, which applies every side effect of the change in one place: the task map,
 * its run's counts (and the run's end), the store writes (state, result row, checkpoints), the
 * scheduler's queue and its attempt hooks, and the slots busy on each worker.
 *
 * <p>A running task has its own attempt (named by its record) and at most one speculative copy on
 * another node. The first of the two to pass carries the task; the other is stopped and kept here,
 * holding its slot, until it reports. Confined to the coordinator's loop thread.
 */
final class TaskTable {
    /** Why a task moves; decides the side effects beyond those every move has. */
    enum Cause {
        /** A new task of an admitted run. */
        SUBMITTED,
        /** Read back from the store by a new coordinator: nothing to write again. */
        RESTORED,
        /** An attempt this coordinator's scheduling round placed (the round counted its slot). */
        DISPATCHED,
        /** An attempt a predecessor started, found on a worker and taken over. */
        ADOPTED,
        /** Its attempt ended. */
        ATTEMPT_ENDED,
        /** It left the queue without running again: cancelled, or given up. */
        DEQUEUED
    }

    /** What an attempt is to its task. */
    enum Role { OWN, COPY, LOSER }

    private final Map<String, TaskRecord> tasks = new HashMap<>();
    private final Map<String, Integer> busy = new HashMap<>();
    /** Tasks whose own attempt has no compute future here: adopted from a predecessor. */
    private final Set<String> untracked = new LinkedHashSet<>();
    /** Started attempts whose RUNNING state is not stored yet, oldest first. */
    private final ArrayDeque<TaskRecord> unrecordedStarts = new ArrayDeque<>();
    /** Task key -> its running speculative copy. */
    private final Map<String, RunningAttempt> copies = new LinkedHashMap<>();
    /** Task key -> the attempt that lost the race, stopped and not yet ended. */
    private final Map<String, RunningAttempt> losers = new LinkedHashMap<>();
    /**
     * Tasks one of whose attempts may have saved a checkpoint: only theirs are removed when they end
     * (a removal is a write to every node holding the checkpoints, and most tasks never save one).
     */
    private final Set<String> mayHoldCheckpoint = new HashSet<>();
    private final RunTable runs;
    private final Scheduler scheduler;
    private final InstantSource clock;
    private StateWriter writer;
    private int running;

    TaskTable(RunTable runs, Scheduler scheduler, InstantSource clock) {
        this.runs = runs;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Set once, at wiring: the writer itself asks this table which tasks are current. */
    void writeThrough(StateWriter value) {
        this.writer = value;
    }

    TaskRecord get(String key) {
        return tasks.get(key);
    }

    int size() {
        return tasks.size();
    }

    /** Tasks RUNNING now. */
    int running() {
        return running;
    }

    /** Node id -> attempts running there; a scheduling round adds what it places. */
    Map<String, Integer> busy() {
        return busy;
    }

    /**
     * Moves a task to {@code next} and applies every side effect of the move.
     *
     * @param row  the result row the move records, or null
     */
    void transition(TaskRecord next, Cause cause, TaskResult row) {
        String key = next.key();
        boolean isNew = cause == Cause.SUBMITTED || cause == Cause.RESTORED;
        TaskRecord prev = isNew ? null : tasks.get(key);
        TaskState from = prev == null ? null : prev.state();
        if ((cause == Cause.RESTORED && !next.state().isFinal()) || cause == Cause.ADOPTED) {
            // What a predecessor's attempts saved is not known here.
            mayHoldCheckpoint.add(key);
        }
        if (from == TaskState.RUNNING) {
            attemptEnded(key, prev.attemptId(), prev.nodeId());
            untracked.remove(key);
            running--;
        }
        tasks.put(key, next);
        if (row != null) {
            writer.result(row);
        }
        if (isNew) {
            runs.get(next.runId()).taskKeys.add(key);
        }
        TaskState to = next.state();
        if (to == TaskState.QUEUED) {
            scheduler.enqueue(next);
        } else if (to == TaskState.RUNNING) {
            running++;
            started(next, cause);
        } else if (cause != Cause.RESTORED) {
            if (from == TaskState.QUEUED) {
                scheduler.remove(key);
            }
            if (mayHoldCheckpoint.remove(key)) {
                writer.ended(key);
            }
        }
        if (cause != Cause.RESTORED && cause != Cause.DISPATCHED) {
            writer.task(next);
        }
        runs.taskMoved(next.runId(), from, to);
    }

    /**
     * An attempt of task {@code key} may have saved a checkpoint (its reply says so, or cannot tell):
     * removed when the task ends, or now if it has ended already (a stopped loser of a race).
     */
    void mayHaveCheckpointed(String key) {
        TaskRecord task = tasks.get(key);
        if (task != null && task.state().isFinal()) {
            writer.ended(key);
        } else if (task != null) {
            mayHoldCheckpoint.add(key);
        }
    }

    private void started(TaskRecord task, Cause cause) {
        if (cause == Cause.DISPATCHED) {
            unrecordedStarts.add(task);
            return;
        }
        if (cause == Cause.ADOPTED) {
            scheduler.remove(task.key());
        }
        busy.merge(task.nodeId(), 1, Integer::sum);
        untracked.add(task.key());
        scheduler.running(task, task.nodeId(), task.updatedAt());
    }

    /** An attempt's slot is free again, and the scheduler hears of it. */
    private void attemptEnded(String key, String attemptId, String nodeId) {
        busy.computeIfPresent(nodeId, (n, c) -> c > 1 ? c - 1 : null);
        scheduler.ended(key, attemptId, clock.instant());
    }

    /**
     * Starts a speculative copy of the running task {@code key} on {@code node}, placed by a
     * round that counted its slot; returns the attempt to dispatch, or null when the task no
     * longer needs one (it ended, has a copy, or runs on that node), and the slot is given back.
     */
    TaskRecord startCopy(String key, String node, long epoch, Instant now) {
        TaskRecord task = tasks.get(key);
        if (task == null || task.state() != TaskState.RUNNING || copies.containsKey(key) || node.equals(task.nodeId())) {
            busy.computeIfPresent(node, (n, c) -> c > 1 ? c - 1 : null);
            return null;
        }
        AttemptId id = new AttemptId(epoch, task.attempts() + 1);
        copies.put(key, new RunningAttempt(key, id, node, now, true));
        TaskRecord counted = task.withCopy(id);
        tasks.put(key, counted);
        writer.task(counted);
        return counted.carriedBy(id, node, now);
    }

    /** A predecessor's copy of the running task, found on {@code node}: kept running, as this task's copy. */
    void adoptCopy(TaskRecord task, String node, AttemptId id, Instant since) {
        String key = task.key();
        copies.put(key, new RunningAttempt(key, id, node, since, false));
        tasks.put(key, task.withCopy(id));
        busy.merge(node, 1, Integer::sum);
        scheduler.running(task.carriedBy(id, node, since), node, since);
    }

    boolean hasCopy(String key) {
        return copies.containsKey(key);
    }

    /** What {@code attemptId} is to the task {@code key}, or null when it is none of its running attempts. */
    Role roleOf(String key, String attemptId) {
        TaskRecord t = tasks.get(key);
        if (t == null) {
            return null;
        }
        if (t.state() == TaskState.RUNNING && attemptId.equals(t.attemptId())) {
            return Role.OWN;
        }
        if (matches(copies.get(key), attemptId)) {
            return Role.COPY;
        }
        return matches(losers.get(key), attemptId) ? Role.LOSER : null;
    }

    private static boolean matches(RunningAttempt a, String attemptId) {
        return a != null && a.attemptId().equals(attemptId);
    }

    /** The running attempt {@code attemptId} of task {@code key}, in whatever role; null when none. */
    RunningAttempt find(String key, String attemptId) {
        Role role = roleOf(key, attemptId);
        if (role == null) {
            return null;
        }
        return switch (role) {
            case OWN -> own(tasks.get(key));
            case COPY -> copies.get(key);
            case LOSER -> losers.get(key);
        };
    }

    boolean isRunning(String key, String attemptId) {
        return roleOf(key, attemptId) != null;
    }

    /** The attempts that run for the task, its own first: what a cancel stops. */
    List<RunningAttempt> attemptsOf(TaskRecord task) {
        List<RunningAttempt> out = new ArrayList<>(2);
        if (task.state() == TaskState.RUNNING) {
            out.add(own(task));
        }
        RunningAttempt copy = copies.get(task.key());
        if (copy != null) {
            out.add(copy);
        }
        return out;
    }

    private RunningAttempt own(TaskRecord t) {
        return new RunningAttempt(t.key(), t.attempt(), t.nodeId(), t.updatedAt(), !untracked.contains(t.key()));
    }

    /**
     * The attempt {@code winner} (OWN or COPY) passed while the other ran: the winner carries the
     * task, the other becomes the loser (still holding its slot until it ends). Returns the loser.
     */
    RunningAttempt raceWon(String key, Role winner) {
        TaskRecord task = tasks.get(key);
        RunningAttempt copy = copies.remove(key);
        RunningAttempt loser = winner == Role.COPY ? own(task) : copy;
        losers.put(key, loser);
        if (winner == Role.COPY) {
            carry(task, copy);
        }
        return loser;
    }

    /**
     * The attempt {@code ended} (OWN or COPY) ended without passing while the other runs: its slot
     * is free, its row recorded, and the task waits for the other, which now carries it.
     */
    void oneOfTwoEnded(String key, Role ended, TaskResult row) {
        TaskRecord task = tasks.get(key);
        RunningAttempt copy = copies.remove(key);
        if (ended == Role.COPY) {
            attemptEnded(key, copy.attemptId(), copy.nodeId());
        } else {
            attemptEnded(key, task.attemptId(), task.nodeId());
            writer.task(carry(task, copy));
        }
        writer.result(row);
    }

    private TaskRecord carry(TaskRecord task, RunningAttempt attempt) {
        TaskRecord carried = task.carriedBy(attempt.id(), attempt.nodeId(), attempt.since());
        tasks.put(carried.key(), carried);
        if (attempt.tracked()) {
            untracked.remove(carried.key());
        } else {
            untracked.add(carried.key());
        }
        return carried;
    }

    /** Records the row of an attempt whose end changes no task state (the loser of a race). */
    void recordRow(TaskResult row) {
        writer.result(row);
    }

    /** The stopped loser of a race ended: its slot is free. */
    void loserEnded(String key) {
        RunningAttempt loser = losers.remove(key);
        if (loser != null) {
            attemptEnded(key, loser.attemptId(), loser.nodeId());
        }
    }

    /** Running attempts no compute future here reports on: their node leaving, or their silence, ends them. */
    List<RunningAttempt> untracked() {
        List<RunningAttempt> out = new ArrayList<>();
        for (String key : untracked) {
            out.add(own(tasks.get(key)));
        }
        copies.values().stream().filter(a -> !a.tracked()).forEach(out::add);
        losers.values().stream().filter(a -> !a.tracked()).forEach(out::add);
        return out;
    }

    /** Forgets the slots of nodes that left. */
    void retainNodes(Set<String> live) {
        busy.keySet().retainAll(live);
    }

    /** Stores RUNNING for attempts started before {@code cutoff} and still running. */
    void recordStartsBefore(Instant cutoff) {
        while (!unrecordedStarts.isEmpty() && unrecordedStarts.peek().updatedAt().isBefore(cutoff)) {
            TaskRecord started = unrecordedStarts.poll();
            if (tasks.get(started.key()) == started) {
                writer.task(started);
            }
        }
    }

    /** Drops tasks of forgotten runs; a loser still being stopped gives its slot back. */
    void forget(Collection<String> keys) {
        for (String key : keys) {
            tasks.remove(key);
            mayHoldCheckpoint.remove(key);
            loserEnded(key);
        }
    }
}
