package io.dtf.coordinator.placement;

import io.dtf.requirements.Requirement;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Queued tasks that share a requirement set (and fallback, and whether they run processes, and
 * whether they need a worker to themselves): ten thousand identical tasks are one group, so a
 * round's cost grows with groups, not tasks. Not thread-safe: the scheduler owns it.
 */
public final class TaskGroup {
    private final List<Requirement> requirements;
    private final List<Requirement> fallback;
    private final boolean command;
    private final boolean exclusive;
    private final WorkQueue queue;
    private String reason = "waiting for the scheduler";
    /** The last worker round-robin placement used, by number. */
    private int cursor = -1;
    /** Earliest-finish planning held every task it looked at: no new plan before this time, on this grid. */
    private long holdUntil = Long.MIN_VALUE;
    private WorkerIndex holdIndex;
    /** What the last no-match reason was computed for: it is recomputed only when either changes. */
    private WorkerIndex reasonIndex;
    private Set<String> reasonQuarantined;

    public TaskGroup(List<Requirement> requirements, List<Requirement> fallback, boolean command, boolean exclusive,
                     Comparator<QueuedTask> order) {
        this.requirements = requirements;
        this.fallback = fallback;
        this.command = command;
        this.exclusive = exclusive;
        this.queue = new WorkQueue(order);
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    public List<Requirement> fallback() {
        return fallback;
    }

    public boolean command() {
        return command;
    }

    public boolean exclusive() {
        return exclusive;
    }

    public WorkQueue queue() {
        return queue;
    }

    public String reason() {
        return reason;
    }

    public void reason(String value) {
        reason = value;
    }

    public int cursor() {
        return cursor;
    }

    public void cursor(int value) {
        cursor = value;
    }

    public long holdUntil() {
        return holdUntil;
    }

    public WorkerIndex holdIndex() {
        return holdIndex;
    }

    /** Skips holding plans for this group before {@code until} on grid {@code index}. */
    public void holdUntil(long until, WorkerIndex index) {
        holdUntil = until;
        holdIndex = index;
    }

    /** Whether the no-match reason must be computed again for this grid and quarantine. */
    public boolean reasonStale(WorkerIndex index, Set<String> quarantined) {
        if (index == reasonIndex && quarantined.equals(reasonQuarantined)) {
            return false;
        }
        reasonIndex = index;
        reasonQuarantined = Set.copyOf(quarantined);
        return true;
    }
}
