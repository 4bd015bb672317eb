package io.dtf.coordinator.placement;

import io.dtf.coordinator.WorkerNode;
import io.dtf.hardware.HardwareKeys;
import io.dtf.requirements.Requirement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which workers meet a requirement set, computed once per (set, grid version). Testing a
 * requirement parses a number or lower-cases a text; at a thousand workers that was half of a
 * round's time when done for every group in every round. Requirements are records, so equal sets
 * written by different suites share one entry.
 */
public final class Eligibility {
    /**
     * The workers that meet a set.
     *
     * @param workers  their numbers in the {@link WorkerIndex}, ascending
     * @param members  the same, as a set
     * @param slots    their slots added up
     * @param slotsByClass  their slots added up per hardware class of the index
     */
    public record Matching(int[] workers, BitSet members, int slots, int[] slotsByClass) {
        public boolean isEmpty() {
            return workers.length == 0;
        }
    }

    private record Key(List<Requirement> requirements, boolean command) {
    }

    private final Map<Key, Matching> cache = new HashMap<>();
    private WorkerIndex index;

    /**
     * @param command  whether the task starts processes, so only workers that allow it qualify
     */
    public Matching matching(WorkerIndex workers, List<Requirement> requirements, boolean command) {
        if (workers != index) {
            cache.clear();
            index = workers;
        }
        return cache.computeIfAbsent(new Key(requirements, command), k -> compute(workers, k));
    }

    /** How many (set, grid version) entries are cached: for tests. */
    int size() {
        return cache.size();
    }

    private static Matching compute(WorkerIndex index, Key key) {
        List<Integer> found = new ArrayList<>();
        BitSet members = new BitSet(index.size());
        int slots = 0;
        int[] byClass = new int[index.classCount()];
        for (int i = 0; i < index.size(); i++) {
            WorkerNode w = index.worker(i);
            if (key.command() && !runsCommands(w)) {
                continue;
            }
            if (key.requirements().stream().allMatch(r -> r.test(w.attributes()))) {
                found.add(i);
                members.set(i);
                slots += w.slots();
                byClass[index.classOf(i)] += w.slots();
            }
        }
        return new Matching(found.stream().mapToInt(Integer::intValue).toArray(), members, slots,
                byClass);
    }

    public static boolean runsCommands(WorkerNode w) {
        return "true".equals(String.valueOf(w.attributes().get(HardwareKeys.COMMANDS)));
    }
}
