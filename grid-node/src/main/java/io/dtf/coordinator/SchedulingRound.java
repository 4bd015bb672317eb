package io.dtf.coordinator;

import io.dtf.coordinator.placement.Attempt;
import io.dtf.coordinator.placement.Eligibility.Matching;
import io.dtf.coordinator.placement.RunningAttempts;
import io.dtf.coordinator.placement.SlotClock;
import io.dtf.coordinator.placement.TaskGroup;
import io.dtf.coordinator.placement.WorkerIndex;
import io.dtf.requirements.Requirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scheduling round of a {@link Scheduler}: retries first, then the groups in rank order, then
 * speculative copies. Lives for one call of {@link Scheduler#schedule}; everything it plans beyond
 * the assignments (held tasks' reservations) is forgotten with it.
 */
final class SchedulingRound {
    private final Scheduler s;
    private final WorkerIndex index;
    private final Set<String> quarantined;
    private final Map<String, Integer> busy;
    private final long now;
    /** Workers that may have a free slot (the scheduler's own set, kept up to date as the round goes). */
    private final BitSet free;
    /** Workers kept empty for a waiting exclusive task. */
    private final BitSet drained = new BitSet();
    /**
     * Slot plans of the workers earliest-finish placement looked at this round: the scheduler's
     * array (one per grid version, not one per round), emptied again at the end of the round.
     */
    private final SlotClock[] clocks;
    private final List<Integer> planned = new ArrayList<>();
    /** One task's estimate per hardware class, -1 until asked. */
    private final long[] perClass;
    private final List<Assignment> out = new ArrayList<>();
    private final List<TaskRecord> expired = new ArrayList<>();
    private final List<Assignment> speculative = new ArrayList<>();
    /** Earliest-finish placement only: workers kept for constrained groups under pressure. */
    private CapacityReservation reservation;

    SchedulingRound(Scheduler s, Set<String> quarantined, Map<String, Integer> busy, long now) {
        this.s = s;
        this.index = s.index;
        this.quarantined = quarantined;
        this.busy = busy;
        this.now = now;
        this.perClass = new long[index.classCount()];
        this.free = s.maybeFree;
        this.clocks = s.clocks;
    }

    Scheduler.Round run() {
        new ExclusivePlacement(this, drained).drain();
        new RetryPlacement(this).run();
        List<TaskGroup> queued = s.groups.values().stream().filter(g -> !g.queue().isEmpty()).toList();
        Comparator<TaskGroup> byHead = Comparator.comparing(g -> g.queue().peek(), s.order);
        if (s.placement == Placement.EARLIEST_FINISH) {
            reservation = new CapacityReservation(this, queued.stream().filter(g -> !g.exclusive()).toList());
            // Equal priority: the group under the most pressure first.
            byHead = Comparator.comparingLong((TaskGroup g) -> -g.queue().peek().level())
                    .thenComparingDouble(g -> -reservation.pressure(g)).thenComparing(byHead);
        }
        List<TaskGroup> order = queued.stream().sorted(byHead).toList();
        for (TaskGroup g : order) {
            placeGroup(g);
        }
        new SpeculativeCopies(this, speculative).run();
        for (int i : planned) {
            clocks[i] = null;
        }
        return new Scheduler.Round(out, expired, speculative);
    }

    // ---- what a worker can take -------------------------------------------------------------

    /**
     * The workers among {@code members} that have a free slot, ascending; workers found full leave
     * the scheduler's set of maybe-free workers on the way.
     */
    int[] freeAmong(BitSet members) {
        BitSet both = (BitSet) free.clone();
        both.and(members);
        int[] out = new int[both.cardinality()];
        int n = 0;
        for (int i = both.nextSetBit(0); i >= 0; i = both.nextSetBit(i + 1)) {
            if (index.worker(i).slots() > busy(i)) {
                out[n++] = i;
            } else {
                free.clear(i);
            }
        }
        return Arrays.copyOf(out, n);
    }

    int busy(int i) {
        return busy.getOrDefault(index.worker(i).nodeId(), 0);
    }

    /** Free slots a shared task may use now. */
    int freeSlots(int i) {
        String id = index.worker(i).nodeId();
        if (drained.get(i) || quarantined.contains(id) || s.attempts.exclusiveOn(id)) {
            return 0;
        }
        return Math.max(0, index.worker(i).slots() - busy(i));
    }

    /** Whether an exclusive task may start on the worker now: nothing runs there. */
    boolean idle(int i) {
        String id = index.worker(i).nodeId();
        return busy(i) == 0 && !quarantined.contains(id) && !s.attempts.exclusiveOn(id);
    }

    long expected(TaskRecord task, int hwClass) {
        return Math.max(1, s.estimates.expectedMillis(task.suite(), task.spec(), index.className(hwClass)));
    }

    /** Forgets the per-class estimates of the previous task. */
    void newTask() {
        Arrays.fill(perClass, -1);
    }

    /** The current task's estimate on worker {@code i}'s hardware, asked once per class. */
    long expectedOn(TaskRecord task, int i) {
        int c = index.classOf(i);
        if (perClass[c] < 0) {
            perClass[c] = expected(task, c);
        }
        return perClass[c];
    }

    void place(TaskRecord task, int i, boolean fallback) {
        String id = index.worker(i).nodeId();
        long expected = expected(task, index.classOf(i));
        busy.merge(id, 1, Integer::sum);
        out.add(new Assignment(task, id, fallback));
        s.track(new Attempt(task, id, RunningAttempts.nextNumber(task), now, expected, true, false));
        s.retryReasons.remove(task.key());
        s.held.remove(task.key());
        SlotClock clock = clocks[i];
        if (clock != null) {
            clock.reserve(now, expected);
        }
    }

    // ---- groups -------------------------------------------------------------------------------

    private void placeGroup(TaskGroup g) {
        boolean fallback = false;
        Matching m = s.eligibility.matching(index, g.requirements(), g.command());
        if (!anyAvailable(m) && !g.fallback().isEmpty()) {
            m = s.eligibility.matching(index, g.fallback(), g.command());
            fallback = true;
        }
        if (!anyAvailable(m)) {
            if (g.reasonStale(index, quarantined)) {
                g.reason(Scheduler.noMatchReason(g.requirements(), g.command(), workers(), quarantined));
            }
            return;
        }
        String busyReason = "all " + m.workers().length + " matching worker(s) busy" + (fallback ? " (fallback)" : "");
        if (g.exclusive()) {
            new ExclusivePlacement(this, drained).place(g, m, fallback);
        } else if (s.placement == Placement.EARLIEST_FINISH) {
            Matching usable = reservation.usable(g, m);
            if (usable != m) {
                busyReason += "; " + (m.workers().length - usable.workers().length)
                        + " of them kept for a more constrained group with more work per capacity";
            }
            new EarliestFinish(this, g, usable, fallback).run();
        } else {
            placeGreedy(g, m, fallback);
        }
        if (!g.queue().isEmpty()) {
            g.reason(g.exclusive() ? ExclusivePlacement.reason(this, drained, m) : busyReason);
        }
    }

    boolean anyAvailable(Matching m) {
        for (int i : m.workers()) {
            if (!quarantined.contains(index.worker(i).nodeId())) {
                return true;
            }
        }
        return false;
    }

    /** Each task in order to the best free worker now, never held back. */
    void placeGreedy(TaskGroup g, Matching m, boolean fallback) {
        int[] candidates = freeAmong(m.members());
        int[] room = new int[candidates.length];
        int n = 0;
        for (int i : candidates) {
            int f = freeSlots(i);
            if (f > 0) {
                candidates[n] = i;
                room[n++] = f;
            }
        }
        while (!g.queue().isEmpty() && n > 0) {
            TaskRecord task = g.queue().poll().task();
            newTask();
            int best = 0;
            for (int k = 1; k < n; k++) {
                if (better(g, task, candidates[k], room[k], candidates[best], room[best])) {
                    best = k;
                }
            }
            int i = candidates[best];
            if (s.placement == Placement.ROUND_ROBIN) {
                g.cursor(i);
            }
            place(task, i, fallback);
            if (--room[best] == 0) {
                n--;
                System.arraycopy(candidates, best + 1, candidates, best, n - best);
                System.arraycopy(room, best + 1, room, best, n - best);
            }
        }
    }

    /** Whether worker {@code a} with {@code roomA} free slots suits the task better than {@code b}. */
    private boolean better(TaskGroup g, TaskRecord task, int a, int roomA, int b, int roomB) {
        return switch (s.placement) {
            case ROUND_ROBIN -> turn(g, a) < turn(g, b);
            case EARLIEST_FINISH -> {
                long ea = expectedOn(task, a);
                long eb = expectedOn(task, b);
                yield ea != eb ? ea < eb : roomA > roomB;
            }
            case FIRST_FREE, LPT_EQUAL_SPEED -> roomA > roomB;
        };
    }

    /** How many workers after the group's last one this one comes, round-robin. */
    private int turn(TaskGroup g, int i) {
        int n = index.size();
        return Math.floorMod(i - g.cursor() - 1, n);
    }

    // ---- plans for earliest-finish placement ------------------------------------------------

    /**
     * The worker's slots as planned this round: free ones now, busy ones when their attempt is
     * expected to end, busy ones with no known attempt (and those of a worker kept for an exclusive
     * task) never.
     */
    SlotClock clock(int i) {
        if (clocks[i] == null) {
            WorkerNode w = index.worker(i);
            long[] at = new long[w.slots()];
            int freeNow = free.get(i) ? freeSlots(i) : 0;
            Arrays.fill(at, SlotClock.UNKNOWN);
            Arrays.fill(at, 0, Math.min(freeNow, at.length), now);
            if (!drained.get(i) && !s.attempts.exclusiveOn(w.nodeId())) {
                long[] ends = s.attempts.on(w.nodeId()).stream().mapToLong(a -> a.freesAt(now)).sorted().toArray();
                for (int k = 0; k < ends.length && freeNow + k < at.length; k++) {
                    at[freeNow + k] = ends[k];
                }
            }
            clocks[i] = new SlotClock(at);
            planned.add(i);
        }
        return clocks[i];
    }

    /**
     * When the worker's first slot is expected to free, as {@link #clock} would say, but without
     * planning its slots: the plan of a round reads this for every matching worker, so it costs an
     * array read for a busy worker.
     */
    long earliestFree(int i) {
        if (clocks[i] != null) {
            return clocks[i].earliest();
        }
        if (drained.get(i)) {
            return SlotClock.UNKNOWN;
        }
        if (free.get(i) && freeSlots(i) > 0) {
            return now;
        }
        long end = s.firstEnd[i];
        if (end > now && end < SlotClock.UNKNOWN && !s.attempts.exclusiveOn(index.worker(i).nodeId())) {
            return end;
        }
        return clock(i).earliest();
    }

    Map<String, Integer> busyMap() {
        return busy;
    }

    long now() {
        return now;
    }

    WorkerIndex index() {
        return index;
    }

    Set<String> quarantined() {
        return quarantined;
    }

    Scheduler scheduler() {
        return s;
    }

    List<TaskRecord> expired() {
        return expired;
    }

    BitSet free() {
        return free;
    }

    private List<WorkerNode> workers() {
        List<WorkerNode> all = new ArrayList<>(index.size());
        for (int i = 0; i < index.size(); i++) {
            all.add(index.worker(i));
        }
        return all;
    }

    static List<Requirement> withExtra(List<Requirement> set, List<Requirement> extra) {
        if (extra.isEmpty()) {
            return set;
        }
        List<Requirement> all = new ArrayList<>(set);
        all.addAll(extra);
        return all;
    }
}
