package io.dtf.coordinator;

import io.dtf.hardware.HardwareKeys;
import io.dtf.model.BenchmarkAction;
import io.dtf.requirements.Requirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides which queued task runs on which worker. Queued tasks are grouped by their requirement
 * set, so a round costs (groups x workers), not (tasks x workers): ten thousand identical tasks
 * are one group. Within a group the highest priority, then the earliest submitted, goes first;
 * across groups, the group whose head ranks highest is served first.
 *
 * <p>A task's fallback requirements are used only while no live, available worker meets its
 * primary set. Retries that must avoid nodes or wait out a backoff are placed one by one, before
 * the groups (they have waited already), and give up once their wait deadline passes.
 * Quarantined workers get nothing.
 *
 * <p>Not thread-safe: the coordinator's single event loop owns it.
 */
public final class Scheduler {
    static final Comparator<TaskRecord> RANK = Comparator
            .comparingInt((TaskRecord t) -> -t.spec().priority())
            .thenComparingLong(TaskRecord::order);

    private final Placement placement;
    private final DurationEstimates estimates;
    private final Map<List<String>, Group> groups = new LinkedHashMap<>();
    private final PriorityQueue<TaskRecord> retrying = new PriorityQueue<>(RANK);
    private final Map<String, String> retryReasons = new HashMap<>();

    /**
     * One round's decisions.
     *
     * @param expired      retries whose wait for a matching node ran out: they leave the queue
     * @param speculative  second attempts of running tasks that are clearly late, each on another,
     *                     faster node: the first attempt to finish wins, the other is stopped
     */
    public record Round(List<Assignment> assignments, List<TaskRecord> expired, List<Assignment> speculative) {
    }

    public Scheduler(Placement placement, DurationEstimates estimates) {
        this.placement = placement;
        this.estimates = estimates;
    }

    /** First-free placement with no history: what tests of the queue itself need. */
    public Scheduler() {
        this(Placement.FIRST_FREE, (suite, spec, hwClass) -> 1);
    }

    private static final class Group {
        final List<Requirement> requirements;
        final List<Requirement> fallback;
        final boolean command;
        final PriorityQueue<TaskRecord> queue = new PriorityQueue<>(RANK);
        String reason = "waiting for the scheduler";

        Group(TaskRecord head) {
            this.requirements = primary(head);
            this.fallback = head.spec().fallback();
            this.command = isCommand(head);
        }

        boolean accepts(WorkerNode w, List<Requirement> set) {
            return (!command || runsCommands(w)) && set.stream().allMatch(r -> r.test(w.attributes()));
        }
    }

    public void enqueue(TaskRecord task) {
        if (task.retry().constrainsPlacement()) {
            retrying.add(task);
        } else {
            groups.computeIfAbsent(signature(task), s -> new Group(task)).queue.add(task);
        }
    }

    /**
     * An attempt this scheduler did not place runs on {@code nodeId} since {@code since}: adopted
     * from a dead coordinator, or found running at recovery.
     */
    public void running(TaskRecord task, String nodeId, Instant since) {
    }

    /** The attempt {@code attemptId} of {@code taskKey} ended, whichever way: its slot is free again. */
    public void ended(String taskKey, String attemptId, Instant at) {
    }

    /** Takes a queued task out (another path started it); false when it was not queued. */
    public boolean remove(String taskKey) {
        retryReasons.remove(taskKey);
        if (retrying.removeIf(t -> t.key().equals(taskKey))) {
            return true;
        }
        return groups.values().stream().anyMatch(g -> g.queue.removeIf(t -> t.key().equals(taskKey)));
    }

    public int queued() {
        return retrying.size() + groups.values().stream().mapToInt(g -> g.queue.size()).sum();
    }

    /** Why a queued task is not running, as of the last round. */
    public Optional<String> waitingReason(TaskRecord task) {
        String retry = retryReasons.get(task.key());
        if (retry != null) {
            return Optional.of(retry);
        }
        Group g = groups.get(signature(task));
        return g == null ? Optional.empty() : Optional.of(g.reason);
    }

    /**
     * One scheduling round. {@code busy} (node id -> running tasks) is updated with what this round
     * assigns.
     */
    public Round schedule(List<WorkerNode> workers, Set<String> quarantined, Map<String, Integer> busy, Instant now) {
        List<WorkerNode> available = workers.stream().filter(w -> !quarantined.contains(w.nodeId())).toList();
        List<Assignment> out = new ArrayList<>();
        List<TaskRecord> expired = new ArrayList<>();
        scheduleRetries(workers, available, quarantined, busy, now, out, expired);
        List<Group> order = groups.values().stream().filter(g -> !g.queue.isEmpty())
                .sorted(Comparator.comparing(g -> g.queue.peek(), RANK)).toList();
        for (Group g : order) {
            boolean fallback = false;
            List<WorkerNode> eligible = available.stream().filter(w -> g.accepts(w, g.requirements)).toList();
            if (eligible.isEmpty() && !g.fallback.isEmpty()) {
                eligible = available.stream().filter(w -> g.accepts(w, g.fallback)).toList();
                fallback = true;
            }
            if (eligible.isEmpty()) {
                g.reason = noMatchReason(g.requirements, g.command, workers, quarantined);
                continue;
            }
            while (!g.queue.isEmpty()) {
                WorkerNode best = leastBusy(eligible, busy);
                if (best == null) {
                    g.reason = "all " + eligible.size() + " matching worker(s) busy" + (fallback ? " (fallback)" : "");
                    break;
                }
                busy.merge(best.nodeId(), 1, Integer::sum);
                out.add(new Assignment(g.queue.poll(), best.nodeId(), fallback));
            }
        }
        groups.values().removeIf(g -> g.queue.isEmpty());
        return new Round(out, expired, List.of());
    }

    private void scheduleRetries(List<WorkerNode> workers, List<WorkerNode> available, Set<String> quarantined,
                                 Map<String, Integer> busy, Instant now, List<Assignment> out,
                                 List<TaskRecord> expired) {
        List<TaskRecord> waiting = new ArrayList<>(retrying.size());
        while (!retrying.isEmpty()) {
            TaskRecord t = retrying.poll();
            RetryState retry = t.retry();
            if (retry.notBefore() != null && now.isBefore(retry.notBefore())) {
                retryReasons.put(t.key(), "backing off until " + retry.notBefore() + " before retry "
                        + (t.attempts() + 1));
                waiting.add(t);
                continue;
            }
            boolean command = isCommand(t);
            Predicate<WorkerNode> allowed = w -> !retry.avoidNodes().contains(w.nodeId())
                    && (!command || runsCommands(w));
            List<Requirement> primary = primary(t);
            boolean fallback = false;
            List<WorkerNode> eligible = matching(available, allowed, primary);
            if (eligible.isEmpty() && !t.spec().fallback().isEmpty()) {
                List<Requirement> set = new ArrayList<>(t.spec().fallback());
                set.addAll(retry.extra());
                eligible = matching(available, allowed, set);
                fallback = true;
            }
            WorkerNode best = leastBusy(eligible, busy);
            if (best != null) {
                busy.merge(best.nodeId(), 1, Integer::sum);
                retryReasons.remove(t.key());
                out.add(new Assignment(t, best.nodeId(), fallback));
            } else if (eligible.isEmpty() && retry.waitUntil() != null && !now.isBefore(retry.waitUntil())) {
                retryReasons.remove(t.key());
                expired.add(t);
            } else {
                retryReasons.put(t.key(), eligible.isEmpty()
                        ? noMatchReason(primary, command, workers.stream().filter(allowed).toList(), quarantined)
                                + (retry.avoidNodes().isEmpty() ? "" : "; avoiding " + retry.avoidNodes().size()
                                + " node(s) it failed on")
                                + (retry.waitUntil() == null ? "" : "; gives up at " + retry.waitUntil())
                        : "all " + eligible.size() + " matching worker(s) busy");
                waiting.add(t);
            }
        }
        retrying.addAll(waiting);
    }

    private static List<WorkerNode> matching(List<WorkerNode> workers, Predicate<WorkerNode> allowed,
                                             List<Requirement> set) {
        return workers.stream().filter(allowed).filter(w -> set.stream().allMatch(r -> r.test(w.attributes())))
                .toList();
    }

    /** The eligible worker with the most free slots, or null when all are full. */
    private static WorkerNode leastBusy(List<WorkerNode> eligible, Map<String, Integer> busy) {
        WorkerNode best = null;
        int bestFree = 0;
        for (WorkerNode w : eligible) {
            int free = w.slots() - busy.getOrDefault(w.nodeId(), 0);
            if (free > bestFree) {
                best = w;
                bestFree = free;
            }
        }
        return best;
    }

    /** The task's requirements plus what its failures added. */
    private static List<Requirement> primary(TaskRecord task) {
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
        if (!task.spec().fallback().isEmpty()) {
            signature.add("fallback:");
            signature.addAll(new TreeSet<>(task.spec().fallback().stream().map(Requirement::expression).toList()));
        }
        return signature;
    }

    /** Tasks that start processes of the submitter's code (command, junit, jmh) go only to workers that allow it. */
    private static boolean isCommand(TaskRecord task) {
        return !(task.spec().action() instanceof BenchmarkAction);
    }

    private static final String RUNS_COMMANDS = "runs command tasks";

    private static boolean runsCommands(WorkerNode w) {
        return "true".equals(String.valueOf(w.attributes().get(HardwareKeys.COMMANDS)));
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
            if (command && !runsCommands(w)) {
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
