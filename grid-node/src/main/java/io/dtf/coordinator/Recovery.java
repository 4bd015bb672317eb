package io.dtf.coordinator;

import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import io.dtf.protocol.AttemptId;
import io.dtf.protocol.LiveAttempt;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a new coordinator takes over: it rebuilds runs and tasks from the store, then asks the workers
 * what they run before it starts anything. Attempts still running are adopted, attempts that
 * finished unreported are completed, and only attempts no worker knows are run again. Cancels its
 * predecessor began are finished.
 *
 * <p>Speculative copies are not stored (only counted in the task's attempts). A worker's attempt
 * of a running task that is not the stored one is taken to be its predecessor's copy: adopted as
 * the task's copy, so the race goes on (if the stored attempt is gone, the copy carries the task
 * rather than a new attempt). A further attempt of that task, or a running attempt of a task that
 * has ended, is stopped.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final CoordinatorStore store;
    private final Dispatcher dispatcher;
    private final RunTable runs;
    private final TaskTable table;
    private final AttemptEnds ends;
    private final Cancels cancels;
    private final WorkerHealth health;
    private final Scheduler scheduler;
    private final InstantSource clock;
    private final LongSupplier epoch;
    private long nextOrder;

    Recovery(CoordinatorStore store, Dispatcher dispatcher, RunTable runs, TaskTable table, AttemptEnds ends,
             Cancels cancels, WorkerHealth health, Scheduler scheduler, InstantSource clock, LongSupplier epoch) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.runs = runs;
        this.table = table;
        this.ends = ends;
        this.cancels = cancels;
        this.health = health;
        this.scheduler = scheduler;
        this.clock = clock;
        this.epoch = epoch;
    }

    /** The submission order the next task gets: after every stored one. */
    long nextOrder() {
        return nextOrder++;
    }

    void recover() {
        store.loadRuns().forEach(runs::restore);
        List<TaskRecord> stored = new ArrayList<>(store.loadTasks());
        stored.sort(Comparator.comparingLong(TaskRecord::order));
        for (TaskRecord t : stored) {
            if (runs.get(t.runId()) == null) {
                LOG.warn("task {} belongs to no known run; ignored", t.key());
                continue;
            }
            nextOrder = Math.max(nextOrder, t.order() + 1);
            // A running attempt may outlive the old coordinator (jobs are master-leave aware): reconciled below.
            table.transition(t, TaskTable.Cause.RESTORED, null);
        }
        store.loadResultIndex().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            RunState run = runs.get(e.getValue());
            if (run != null) {
                run.resultSeqs.add(e.getKey());
            }
        });
        health.restore();
        reconcile();
        resumeCancels();
        if (!runs.isEmpty()) {
            LOG.info("coordinator (epoch {}) recovered {} runs, {} tasks, {} queued, {} running", epoch.getAsLong(),
                    runs.size(), table.size(), scheduler.queued(), table.running());
        }
    }

    /**
     * Matches what the workers hold against what the store says runs. Before this, nothing is
     * dispatched: an attempt the dead coordinator started but never stored is adopted rather than
     * started twice.
     */
    private void reconcile() {
        Set<String> confirmed = new HashSet<>();
        List<LiveAttempt> finished = new ArrayList<>();
        for (LiveAttempt a : dispatcher.reconcile(epoch.getAsLong())) {
            if (take(a)) {
                if (a.finished() != null) {
                    finished.add(a);
                } else {
                    confirmed.add(a.taskKey() + " " + a.attemptId());
                }
            }
        }
        // Finished ones after every adoption: a copy that passed must find its rival to stop.
        for (LiveAttempt a : finished) {
            Optional<String> refused = ends.replyRefusal(a.taskKey(), a.attemptId(), a.nodeId(), a.finished());
            if (refused.isPresent()) {
                ends.refuse(a.finished(), refused.get());
                ends.endRefused(a.taskKey(), a.attemptId(), refused.get());
            } else {
                ends.complete(a.taskKey(), a.attemptId(), a.finished());
            }
        }
        for (RunningAttempt a : table.untracked()) {
            TaskRecord t = table.get(a.taskKey());
            if (!confirmed.contains(a.taskKey() + " " + a.attemptId()) && table.isRunning(a.taskKey(), a.attemptId())) {
                // Neither the task's fault nor the node's: run again, counted against nothing.
                ends.complete(a.taskKey(), a.attemptId(), ends.lost(a, FailureCategory.INFRASTRUCTURE,
                        "the attempt was lost with its coordinator: no worker runs it"),
                        AttemptPolicy.lostWithCoordinator(t));
            }
        }
    }

    /** Takes the attempt a worker holds into the table; false when it is none of this coordinator's to follow. */
    private boolean take(LiveAttempt a) {
        TaskRecord t = table.get(a.taskKey());
        if (t == null) {
            return false;
        }
        AttemptId id = AttemptId.parseOrNull(a.attemptId());
        Instant now = clock.instant();
        if (t.state().isFinal()) {
            stopStray(a, "its task has ended");
            return false;
        }
        if (a.attemptId().equals(t.attemptId()) && t.state() == TaskState.RUNNING) {
            return true;
        }
        boolean predecessors = id != null && id.epoch() < epoch.getAsLong();
        if (t.state() == TaskState.QUEUED && id != null && id.number() > t.attempts()) {
            table.transition(t.adopt(a.nodeId(), id, now), TaskTable.Cause.ADOPTED, null);
            LOG.info("adopted attempt {} of {} running on {}", id, t.key(), a.nodeId());
            return true;
        }
        if (t.state() == TaskState.RUNNING && predecessors && !table.hasCopy(t.key()) && !a.nodeId().equals(t.nodeId())) {
            table.adoptCopy(t, a.nodeId(), id, now);
            LOG.info("adopted attempt {} of {} running on {} as the task's speculative copy", id, t.key(), a.nodeId());
            return true;
        }
        LOG.warn("worker {} holds attempt {} of {}, but the task is {} with attempt {}", a.nodeId(), a.attemptId(),
                a.taskKey(), t.state(), t.attemptId());
        stopStray(a, "its task runs another attempt");
        return false;
    }

    /** A running attempt nothing waits for: stopped, so it holds no slot. */
    private void stopStray(LiveAttempt a, String why) {
        if (a.finished() == null) {
            LOG.info("stopping attempt {} of {} on {}: {}", a.attemptId(), a.taskKey(), a.nodeId(), why);
            dispatcher.stop(a.nodeId(), a.taskKey(), a.attemptId(), epoch.getAsLong());
        }
    }

    /** Finishes the cancels a predecessor began: what still waits is dequeued, what runs is stopped. */
    private void resumeCancels() {
        for (RunState run : runs.all()) {
            if (run.phase() != RunPhase.CANCELLING) {
                continue;
            }
            for (String key : List.copyOf(run.taskKeys)) {
                TaskRecord t = table.get(key);
                if (!run.record().cancels(t.spec().id())) {
                    continue;
                }
                if (t.state() == TaskState.QUEUED) {
                    ends.cancelQueued(t);
                } else if (t.state() == TaskState.RUNNING) {
                    table.attemptsOf(t).forEach(cancels::stopSoon);
                }
            }
        }
    }
}
