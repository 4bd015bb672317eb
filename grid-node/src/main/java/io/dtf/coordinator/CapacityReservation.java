package io.dtf.coordinator;

import io.dtf.coordinator.placement.Eligibility.Matching;
import io.dtf.coordinator.placement.TaskGroup;
import io.dtf.coordinator.placement.WorkerIndex;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the workers of a constrained group that is the bottleneck for that group, under
 * earliest-finish placement. A group's pressure is its queued work over its eligible capacity
 * (sum of slots x speed): the time it needs to drain if it had its workers to itself. A worker
 * eligible for a group of higher pressure and less capacity is reserved for it: a group with more
 * capacity (less constrained) does not place there while that holds. Without this, tasks that may
 * run anywhere fill the fast constrained workers (they finish there first) and the constrained
 * group, with nowhere else to go, sets the makespan. Pressures fall as queues drain, so the
 * reservation lifts by itself; a more constrained group never yields to a less constrained one.
 *
 * <p>Computed once per round: a few estimate look-ups per (group, hardware class), and the usable
 * workers of a group per (group's workers, reserving groups) cached for the grid version.
 */
final class CapacityReservation {
    /** Filtered matchings of one grid version, by (matching, the matchings reserved against it). */
    static final class Cache {
        private record Key(Matching matching, List<Matching> reservers) {
        }

        private final Map<Key, Matching> usable = new HashMap<>();
        private WorkerIndex index;

        Matching usable(WorkerIndex workers, Matching m, List<Matching> reservers) {
            if (workers != index) {
                usable.clear();
                index = workers;
            }
            return usable.computeIfAbsent(new Key(m, reservers), k -> without(workers, m, reservers));
        }
    }

    private record Load(Matching matching, double capacity, double pressure) {
    }

    private record Kept(Matching from, Matching kept) {
    }

    private final Map<TaskGroup, Kept> usable = new IdentityHashMap<>();
    private final Map<TaskGroup, Double> pressure = new IdentityHashMap<>();

    /**
     * @param groups  the round's groups with queued tasks, shared ones only (exclusive groups take
     *                whole workers and are left out)
     */
    CapacityReservation(SchedulingRound round, List<TaskGroup> groups) {
        Scheduler s = round.scheduler();
        Map<TaskGroup, Load> loads = new LinkedHashMap<>(); // groups compare by identity; the round's order
        for (TaskGroup g : groups) {
            Matching m = s.eligibility.matching(round.index(), g.requirements(), g.command());
            if (m.isEmpty() && !g.fallback().isEmpty()) {
                m = s.eligibility.matching(round.index(), g.fallback(), g.command());
            }
            double capacity = capacity(round, g, m);
            if (capacity > 0) {
                Load load = new Load(m, capacity, g.queue().work() / capacity);
                loads.put(g, load);
                pressure.put(g, load.pressure);
            }
        }
        for (Map.Entry<TaskGroup, Load> e : loads.entrySet()) {
            Load mine = e.getValue();
            List<Matching> reservers = new ArrayList<>(1);
            for (Load other : loads.values()) {
                if (other.pressure > mine.pressure && other.capacity < mine.capacity
                        && other.matching != mine.matching && other.matching.members().intersects(mine.matching.members())) {
                    reservers.add(other.matching);
                }
            }
            if (!reservers.isEmpty()) {
                usable.put(e.getKey(), new Kept(mine.matching,
                        s.reservations.usable(round.index(), mine.matching, reservers)));
            }
        }
    }

    /** The workers the group may use this round: {@code m} less those reserved for busier groups. */
    Matching usable(TaskGroup g, Matching m) {
        Kept kept = usable.get(g);
        return kept != null && kept.from == m ? kept.kept : m;
    }

    /** The group's pressure this round; 0 when it has no capacity. */
    double pressure(TaskGroup g) {
        return pressure.getOrDefault(g, 0.0);
    }

    /** Slots x speed, speed per hardware class as the group's head task runs there against the reference. */
    private static double capacity(SchedulingRound round, TaskGroup g, Matching m) {
        TaskRecord head = g.queue().peek().task();
        long reference = Math.max(1, g.queue().peek().expected());
        double capacity = 0;
        int[] byClass = m.slotsByClass();
        for (int c = 0; c < byClass.length; c++) {
            if (byClass[c] > 0) {
                capacity += byClass[c] * (double) reference / round.expected(head, c);
            }
        }
        return capacity;
    }

    private static Matching without(WorkerIndex index, Matching m, List<Matching> reservers) {
        BitSet members = (BitSet) m.members().clone();
        reservers.forEach(r -> members.andNot(r.members()));
        int[] workers = members.stream().toArray();
        int slots = 0;
        int[] byClass = new int[m.slotsByClass().length];
        for (int i : workers) {
            slots += index.worker(i).slots();
            byClass[index.classOf(i)] += index.worker(i).slots();
        }
        return new Matching(workers, members, slots, byClass);
    }
}
