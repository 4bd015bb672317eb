package io.dtf.coordinator;

import io.dtf.hardware.HardwareKeys;
import io.dtf.model.CommandAction;
import io.dtf.requirements.Requirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Decides which queued task runs on which worker. Queued tasks are grouped by their requirement
 * set, so a round costs (groups x workers), not (tasks x workers): ten thousand identical tasks
 * are one group. Within a group the highest priority, then the earliest submitted, goes first;
 * across groups, the group whose head ranks highest is served first.
 *
 * <p>Not thread-safe: the coordinator's single event loop owns it.
 */
public final class Scheduler {
    static final Comparator<TaskRecord> RANK = Comparator
            .comparingInt((TaskRecord t) -> -t.spec().priority())
            .thenComparingLong(TaskRecord::order);

    private final Map<List<String>, Group> groups = new LinkedHashMap<>();

    private static final class Group {
        final List<Requirement> requirements;
        final boolean command;
        final PriorityQueue<TaskRecord> queue = new PriorityQueue<>(RANK);
        String reason = "waiting for the scheduler";

        Group(List<Requirement> requirements, boolean command) {
            this.requirements = requirements;
            this.command = command;
        }

        /** A command task also needs a worker that opted in to running processes. */
        boolean accepts(WorkerNode w) {
            return (!command || "true".equals(String.valueOf(w.attributes().get(HardwareKeys.COMMANDS))))
                    && requirements.stream().allMatch(r -> r.test(w.attributes()));
        }
    }

    public void enqueue(TaskRecord task) {
        groups.computeIfAbsent(signature(task), s -> new Group(task.spec().requirements(), isCommand(task)))
                .queue.add(task);
    }

    public int queued() {
        return groups.values().stream().mapToInt(g -> g.queue.size()).sum();
    }

    /** Why a queued task with these requirements is not running, as of the last round. */
    public Optional<String> waitingReason(TaskRecord task) {
        Group g = groups.get(signature(task));
        return g == null ? Optional.empty() : Optional.of(g.reason);
    }

    /**
     * One scheduling round. {@code busy} (node id -> running tasks) is updated with what this round
     * assigns.
     */
    public List<Assignment> schedule(List<WorkerNode> workers, Map<String, Integer> busy) {
        List<Assignment> out = new ArrayList<>();
        List<Group> order = groups.values().stream().filter(g -> !g.queue.isEmpty())
                .sorted(Comparator.comparing(g -> g.queue.peek(), RANK)).toList();
        for (Group g : order) {
            List<WorkerNode> eligible = workers.stream().filter(g::accepts).toList();
            if (eligible.isEmpty()) {
                g.reason = noMatchReason(g.requirements, g.command, workers);
                continue;
            }
            List<String> eligibleIds = eligible.stream().map(WorkerNode::nodeId).toList();
            while (!g.queue.isEmpty()) {
                WorkerNode best = null;
                int bestFree = 0;
                for (WorkerNode w : eligible) {
                    int free = w.slots() - busy.getOrDefault(w.nodeId(), 0);
                    if (free > bestFree) {
                        best = w;
                        bestFree = free;
                    }
                }
                if (best == null) {
                    g.reason = "all " + eligible.size() + " matching worker(s) busy";
                    break;
                }
                busy.merge(best.nodeId(), 1, Integer::sum);
                out.add(new Assignment(g.queue.poll(), best.nodeId(), eligibleIds));
            }
        }
        groups.values().removeIf(g -> g.queue.isEmpty());
        return out;
    }

    private static List<String> signature(TaskRecord task) {
        List<String> signature = new ArrayList<>(task.spec().requirements().stream()
                .map(Requirement::expression).sorted().toList());
        if (isCommand(task)) {
            signature.add(HardwareKeys.COMMANDS);
        }
        return signature;
    }

    private static boolean isCommand(TaskRecord task) {
        return task.spec().action() instanceof CommandAction;
    }

    static String noMatchReason(List<Requirement> requirements, boolean command, List<WorkerNode> workers) {
        if (workers.isEmpty()) {
            return "no live worker in the grid";
        }
        Map<String, Integer> misses = new HashMap<>();
        for (WorkerNode w : workers) {
            if (command && !"true".equals(String.valueOf(w.attributes().get(HardwareKeys.COMMANDS)))) {
                misses.merge("runs command tasks", 1, Integer::sum);
            }
            for (Requirement r : requirements) {
                if (!r.test(w.attributes())) {
                    misses.merge(r.expression(), 1, Integer::sum);
                }
            }
        }
        StringBuilder reason = new StringBuilder("no live worker meets the requirements (" + workers.size()
                + " worker(s) checked");
        misses.forEach((expr, n) -> reason.append("; '").append(expr).append("' unmet on ").append(n));
        return reason.append(")").toString();
    }
}
