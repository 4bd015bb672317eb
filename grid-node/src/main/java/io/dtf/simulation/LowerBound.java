package io.dtf.simulation;

import io.dtf.requirements.Requirement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * No schedule can end sooner than this, on the workers as given (churn and failures only add to
 * it): the largest of
 * <ul>
 *   <li>all the work over the grid's capacity (the sum of speed x slots);
 *   <li>the longest task on the fastest worker that may run it;
 *   <li>for each set of worker classes that some requirement group is confined to, the work of every
 *       task confined to that set over the set's capacity (where constraints bind).
 * </ul>
 * An exclusive task occupies all slots of its worker: its work counts that many times over (the
 * fewest slots among the classes it may use).
 *
 * @param boundMs       the bound: the largest of the three below, in milliseconds
 * @param binding       which of them sets the bound, for people
 */
public record LowerBound(long boundMs, long workOverCapacityMs, long longestTaskMs, long constrainedGroupMs,
                         String binding) {

    /** @throws IllegalArgumentException naming the first task that no worker class can run */
    public static LowerBound of(List<WorkerClass> classes, List<WorkloadTask> tasks) {
        List<Map<String, Object>> attributes = classes.stream().map(SimulatedWorker::attributesOf).toList();
        double capacity = classes.stream().mapToDouble(c -> c.count() * c.slots() * c.speed()).sum();
        Map<List<Requirement>, BitSet> eligibleByGroup = new LinkedHashMap<>();
        Map<BitSet, Double> workBySet = new LinkedHashMap<>();
        Map<BitSet, List<String>> namesBySet = new LinkedHashMap<>();
        double work = 0;
        double longest = 0;
        String longestTask = null;
        for (WorkloadTask t : tasks) {
            BitSet eligible = eligibleByGroup.computeIfAbsent(t.requirements(), r -> eligible(r, attributes));
            if (eligible.isEmpty()) {
                throw new IllegalArgumentException("task " + t.id() + ": no worker class meets its requirements ("
                        + t.requirements().stream().map(Requirement::expression).collect(Collectors.joining("; "))
                        + "), so it could never run; add such workers or change the task");
            }
            double fastest = 0;
            int fewestSlots = Integer.MAX_VALUE;
            for (int i = eligible.nextSetBit(0); i >= 0; i = eligible.nextSetBit(i + 1)) {
                fastest = Math.max(fastest, classes.get(i).speed());
                fewestSlots = Math.min(fewestSlots, classes.get(i).slots());
            }
            double taskWork = t.durationMs() * (t.exclusive() ? fewestSlots : 1);
            work += taskWork;
            workBySet.merge(eligible, taskWork, Double::sum);
            if (t.durationMs() / fastest > longest) {
                longest = t.durationMs() / fastest;
                longestTask = t.id();
            }
        }
        eligibleByGroup.forEach((requirements, set) -> namesBySet.computeIfAbsent(set, s -> new ArrayList<>())
                .add(requirements.isEmpty() ? "(none)" : requirements.stream().map(Requirement::expression)
                        .collect(Collectors.joining("; "))));
        double group = 0;
        String groupName = null;
        for (BitSet set : workBySet.keySet()) {
            if (set.cardinality() == classes.size()) {
                continue; // the whole grid: the first bound
            }
            double setWork = 0;
            for (Map.Entry<BitSet, Double> e : workBySet.entrySet()) {
                BitSet outside = (BitSet) e.getKey().clone();
                outside.andNot(set);
                if (outside.isEmpty()) {
                    setWork += e.getValue();
                }
            }
            double setCapacity = 0;
            for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
                WorkerClass c = classes.get(i);
                setCapacity += c.count() * c.slots() * c.speed();
            }
            if (setWork / setCapacity > group) {
                group = setWork / setCapacity;
                groupName = String.join(" | ", namesBySet.get(set)) + " on " + set.stream()
                        .mapToObj(i -> classes.get(i).hwClass()).collect(Collectors.joining(", "));
            }
        }
        long overCapacity = (long) Math.ceil(work / capacity);
        long longestMs = (long) Math.ceil(longest);
        long groupMs = (long) Math.ceil(group);
        long bound = Math.max(overCapacity, Math.max(longestMs, groupMs));
        String binding = bound == overCapacity ? "all work over the grid's capacity"
                : bound == longestMs ? "the longest task, " + longestTask + ", on the fastest worker that may run it"
                : "the tasks confined to " + groupName;
        return new LowerBound(bound, overCapacity, longestMs, groupMs, binding);
    }

    private static BitSet eligible(List<Requirement> requirements, List<Map<String, Object>> classes) {
        BitSet set = new BitSet(classes.size());
        for (int i = 0; i < classes.size(); i++) {
            Map<String, Object> a = classes.get(i);
            if (requirements.stream().allMatch(r -> r.test(a))) {
                set.set(i);
            }
        }
        return set;
    }
}
