package io.dtf.coordinator;

import io.dtf.coordinator.placement.Attempt;
import io.dtf.coordinator.placement.Eligibility;
import io.dtf.coordinator.placement.QueuedTask;
import io.dtf.coordinator.placement.RunningAttempts;
import io.dtf.coordinator.placement.SlotClock;
import io.dtf.coordinator.placement.Speculation;
import io.dtf.coordinator.placement.TaskGroup;
import io.dtf.coordinator.placement.WorkerIndex;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.BenchmarkAction;
import io.dtf.protocol.AttemptId;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which queued task runs on which worker, by the {@link Placement} it is given.
 *
 * <p>Queued tasks are grouped by their requirement set, so a round costs (groups x free workers),
 * not (tasks x workers): ten thousand identical tasks are one group. Within a group tasks go by
 * priority with ageing (+1 per ageing interval of waiting, so nothing starves), then, for
 * {@link Placement#EARLIEST_FINISH} and {@link Placement#LPT_EQUAL_SPEED}, longest expected first,
 * then submission order; across groups, the group whose head ranks highest is served first.
 * Earliest-finish placement sends a task to the matching worker where it is expected to finish
 * first, and may hold it back for a busy faster worker (see docs/SCHEDULING.md, "Placement").
 *
 * <p>A task's fallback requirements are used only while no live, available worker meets its
 * primary set. Retries that must avoid nodes or wait out a backoff are placed one by one, before
 * the groups (they have waited already), and give up once their wait deadline passes.
 * Quarantined workers get nothing. An exclusive task starts only on a worker with nothing running
 * and keeps it to itself. A placed attempt that runs far past its estimate may get a speculative
 * copy on an idle worker no queued task can use.
 *
 * <p>Not thread-safe: the coordinator's single event loop owns it.
 */
public final class Scheduler {
    /** Retries: priority, then submission order (they have waited already). */
    static final Comparator<TaskRecord> RANK = Comparator
            .comparingInt((TaskRecord t) -> -t.spec().priority())
            .thenComparingLong(TaskRecord::order);
    static final String RUNS_COMMANDS = "runs command tasks";

    final Placement placement;
    final DurationEstimates estimates;
    final long ageingMillis;
    final Speculation speculation;
    final Map<List<String>, TaskGroup> groups = new LinkedHashMap<>();
    final PriorityQueue<TaskRecord> retrying = new PriorityQueue<>(RANK);
    final Map<String, String> retryReasons = new HashMap<>();
    /** Tasks held back for a faster worker when last planned, and why; a task leaves when placed or removed. */
    final Map<String, Held> held = new HashMap<>();
    final Eligibility eligibility = new Eligibility();
    /** Constrained groups' workers as less constrained groups may use them, per grid version. */
    final CapacityReservation.Cache reservations = new CapacityReservation.Cache();
    final RunningAttempts attempts = new RunningAttempts();
    /**
     * Workers (by index) that may have a free slot: those that had one when last looked at, and
     * those whose attempts ended since. A round looks only at these, never at every worker.
     */
    BitSet maybeFree = new BitSet();
    final Comparator<QueuedTask> order;
    private final List<TaskRecord> pending = new ArrayList<>();
    WorkerIndex index = WorkerIndex.of(List.of());
    /** Per worker of the index: the earliest expected end of an attempt known to run there. */
    long[] firstEnd = new long[0];
    /** A round's slot plans, by worker; every round leaves it empty (see {@link SchedulingRound}). */
    SlotClock[] clocks = new SlotClock[0];
    private long fullScanAt = Long.MIN_VALUE;

    /**
     * A task held back for a busy faster worker; the reason is written only when someone asks.
     *
     * @param idleNode  the best idle worker it was not started on; null when none
     */
    record Held(long finish, String node, long idleFinish, String idleNode) {
        String reason() {
            return "held for a faster worker: expected to finish at " + Instant.ofEpochMilli(finish) + " on " + node
                    + (idleNode == null ? "" : ", against " + Instant.ofEpochMilli(idleFinish) + " on the idle "
                    + idleNode);
        }
    }

    /**
     * One round's decisions.
     *
     * @param expired      retries whose wait for a matching node ran out: they leave the queue
     * @param speculative  second attempts of running tasks that are clearly late, each on another
     *                     node: the first attempt to finish wins, the other is stopped. The task is
     *                     the record as it was queued; {@code busy} already counts the copy's slot
     */
    public record Round(List<Assignment> assignments, List<TaskRecord> expired, List<Assignment> speculative) {
    }

    /**
     * The placement with the default ageing interval; speculative copies only under
     * {@link Placement#EARLIEST_FINISH} (the naive policies are baselines and stay naive).
     */
    public Scheduler(Placement placement, DurationEstimates estimates) {
        this(placement, estimates, CoordinatorSettings.defaults().ageingInterval());
    }

    public Scheduler(Placement placement, DurationEstimates estimates, Duration ageingInterval) {
        this(placement, estimates, ageingInterval,
                placement == Placement.EARLIEST_FINISH ? Speculation.DEFAULT : Speculation.OFF);
    }

    /**
     * @param ageingInterval  a waiting task gains one priority level per interval
     * @param speculation     when a late attempt gets a copy; {@link Speculation#OFF} for never
     */
    public Scheduler(Placement placement, DurationEstimates estimates, Duration ageingInterval,
                     Speculation speculation) {
        if (ageingInterval == null || ageingInterval.toMillis() <= 0) {
            throw new IllegalArgumentException("the ageing interval must be positive, not " + ageingInterval);
        }
        this.placement = placement;
        this.estimates = estimates;
        this.ageingMillis = ageingInterval.toMillis();
        this.speculation = speculation;
        this.order = placement == Placement.EARLIEST_FINISH || placement == Placement.LPT_EQUAL_SPEED
                ? QueuedTask.LONGEST_FIRST : QueuedTask.BY_RANK;
    }

    /** First-free placement with no history: what tests of the queue itself need. */
    public Scheduler() {
        this(Placement.FIRST_FREE, (suite, spec, hwClass) -> 1);
    }

    /** Queues a task; it takes its place (and starts ageing) at the next round. */
    public void enqueue(TaskRecord task) {
        pending.add(task);
    }

    /**
     * An attempt this scheduler did not place runs on {@code nodeId} since {@code since}: adopted
     * from a dead coordinator, or found running at recovery.
     */
    public void running(TaskRecord task, String nodeId, Instant since) {
        AttemptId id = AttemptId.parseOrNull(task.attemptId());
        int i = index.indexOf(nodeId);
        long expected = estimates.expectedMillis(task.suite(), task.spec(), i < 0 ? null : index.className(index.classOf(i)));
        track(new Attempt(task, nodeId, id == null ? task.attempts() : id.number(), since.toEpochMilli(),
                Math.max(1, expected), false, false));
    }

    /** The attempt {@code attemptId} of {@code taskKey} ended, whichever way: its slot is free again. */
    public void ended(String taskKey, String attemptId, Instant at) {
        String node = attempts.end(taskKey, attemptId);
        if (node != null) {
            int i = index.indexOf(node);
            if (i >= 0) {
                maybeFree.set(i);
            }
            refreshEnd(node);
        }
    }

    /** Takes a queued task out (another path started it); false when it was not queued. */
    public boolean remove(String taskKey) {
        retryReasons.remove(taskKey);
        held.remove(taskKey);
        if (pending.removeIf(t -> t.key().equals(taskKey)) || retrying.removeIf(t -> t.key().equals(taskKey))) {
            return true;
        }
        return groups.values().stream().anyMatch(g -> g.queue().removeIf(q -> q.task().key().equals(taskKey)));
    }

    public int queued() {
        int n = pending.size() + retrying.size();
        for (TaskGroup g : groups.values()) {
            n += g.queue().size();
        }
        return n;
    }

    /** Why a queued task is not running, as of the last round. */
    public Optional<String> waitingReason(TaskRecord task) {
        String reason = retryReasons.get(task.key());
        Held h = held.get(task.key());
        if (reason == null && h != null) {
            reason = h.reason();
        }
        if (reason != null) {
            return Optional.of(reason);
        }
        TaskGroup g = groups.get(signature(task));
        if (g == null) {
            return pending.stream().anyMatch(t -> t.key().equals(task.key())) ? Optional.of("waiting for the scheduler")
                    : Optional.empty();
        }
        return Optional.of(g.reason());
    }

    /**
     * One scheduling round. {@code busy} (node id -> running tasks) is updated with what this round
     * assigns, speculative copies included.
     */
    public Round schedule(List<WorkerNode> workers, Set<String> quarantined, Map<String, Integer> busy, Instant now) {
        long t = now.toEpochMilli();
        if (!index.covers(workers)) {
            index = WorkerIndex.of(workers);
            firstEnd = new long[index.size()];
            clocks = new SlotClock[index.size()];
            maybeFree = new BitSet(index.size());
            for (int i = 0; i < index.size(); i++) {
                firstEnd[i] = attempts.firstEnd(index.worker(i).nodeId());
            }
            fullScanAt = Long.MIN_VALUE;
        }
        // A slot can free without an ended() call (a worker's count dropped by the coordinator
        // alone): look at every worker now and then, not only at those known to have room.
        if (fullScanAt == Long.MIN_VALUE || t - fullScanAt >= 1_000) {
            fullScanAt = t;
            maybeFree.set(0, workers.size());
        }
        for (TaskRecord task : pending) {
            if (task.retry().constrainsPlacement()) {
                retrying.add(task);
            } else {
                groups.computeIfAbsent(signature(task), s -> new TaskGroup(primary(task), task.spec().fallback(),
                        isCommand(task), task.spec().exclusive(), order))
                        .queue().add(QueuedTask.of(task, t, ageingMillis,
                                Math.max(1, estimates.expectedMillis(task.suite(), task.spec(), null))));
            }
        }
        pending.clear();
        Round round = new SchedulingRound(this, quarantined, busy, t).run();
        groups.values().removeIf(g -> g.queue().isEmpty());
        return round;
    }

    /**
     * Whether a round is worth running for speculative copies alone: some attempt this scheduler
     * placed has become late by {@code now}. The coordinator runs rounds while tasks are queued;
     * with none queued it may ask this to decide whether to run one anyway. Costs a heap peek.
     */
    public boolean speculationDue(Instant now) {
        return attempts.lateBy(now.toEpochMilli());
    }

    void track(Attempt a) {
        attempts.add(a, speculation);
        refreshEnd(a.nodeId());
    }

    private void refreshEnd(String nodeId) {
        int i = index.indexOf(nodeId);
        if (i >= 0) {
            firstEnd[i] = attempts.firstEnd(nodeId);
        }
    }

    /** The task's requirements plus what its failures added. */
    static List<Requirement> primary(TaskRecord task) {
        if (task.retry().extra().isEmpty()) {
            return task.spec().requirements();
        }
        List<Requirement> all = new ArrayList<>(task.spec().requirements());
        all.addAll(task.retry().extra());
        return all;
    }

    private static List<String> signature(TaskRecord task) {
        List<String> signature = new ArrayList<>(new TreeSet<>(primary(task).stream().map(Requirement::expression)
                .toList()));
        if (isCommand(task)) {
            signature.add(HardwareKeys.COMMANDS);
        }
        if (task.spec().exclusive()) {
            signature.add("exclusive:");
        }
        if (!task.spec().fallback().isEmpty()) {
            signature.add("fallback:");
            signature.addAll(new TreeSet<>(task.spec().fallback().stream().map(Requirement::expression).toList()));
        }
        return signature;
    }

    /** Tasks that start processes of the submitter's code (command, junit, jmh) go only to workers that allow it. */
    static boolean isCommand(TaskRecord task) {
        return !(task.spec().action() instanceof BenchmarkAction);
    }

    static String noMatchReason(List<Requirement> requirements, boolean command, List<WorkerNode> workers,
                                Set<String> quarantined) {
        if (workers.isEmpty()) {
            return "no live worker in the grid";
        }
        Map<String, Integer> misses = new HashMap<>();
        int held = 0;
        for (WorkerNode w : workers) {
            boolean meets = true;
            if (command && !Eligibility.runsCommands(w)) {
                misses.merge(RUNS_COMMANDS, 1, Integer::sum);
                meets = false;
            }
            for (Requirement r : requirements) {
                if (!r.test(w.attributes())) {
                    misses.merge(r.expression(), 1, Integer::sum);
                    meets = false;
                }
            }
            if (meets && quarantined.contains(w.nodeId())) {
                held++;
            }
        }
        StringBuilder reason = new StringBuilder("no live worker meets the requirements (" + workers.size()
                + " worker(s) checked");
        misses.forEach((expr, n) -> reason.append("; '").append(expr).append("' unmet on ").append(n));
        if (held > 0) {
            reason.append("; ").append(held).append(" matching worker(s) quarantined");
        }
        if (misses.containsKey(RUNS_COMMANDS)) {
            reason.append("; a worker runs command tasks only when started with dtf node --allow-commands");
        }
        return reason.append(")").toString();
    }
}
