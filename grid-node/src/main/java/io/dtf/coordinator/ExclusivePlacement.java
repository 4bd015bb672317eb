package io.dtf.coordinator;

import io.dtf.coordinator.placement.Attempt;
import io.dtf.coordinator.placement.Eligibility.Matching;
import io.dtf.coordinator.placement.SlotClock;
import io.dtf.coordinator.placement.TaskGroup;
import java.util.BitSet;
import java.util.List;

/**
 * Exclusive tasks in one round: each starts only on a matching worker with nothing running, and
 * while a group of them waits with no such worker, one matching worker is kept from new work (it is
 * "drained") until it is empty.
 */
final class ExclusivePlacement {
    private final SchedulingRound round;
    private final BitSet drained;

    ExclusivePlacement(SchedulingRound round, BitSet drained) {
        this.round = round;
        this.drained = drained;
    }

    void place(TaskGroup g, Matching m, boolean fallback) {
        while (!g.queue().isEmpty()) {
            TaskRecord task = g.queue().peek().task();
            round.newTask();
            int best = -1;
            for (int i : m.workers()) {
                if (round.idle(i) && (best < 0 || betterIdle(task, i, best))) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            g.queue().poll();
            drained.clear(best);
            round.place(task, best, fallback);
        }
    }

    private boolean betterIdle(TaskRecord task, int a, int b) {
        return round.scheduler().placement == Placement.EARLIEST_FINISH && round.expectedOn(task, a) < round.expectedOn(task, b);
    }

    static String reason(SchedulingRound round, BitSet drained, Matching m) {
        for (int i : m.workers()) {
            if (drained.get(i)) {
                return "waiting for a worker with nothing running (exclusive task): " + round.index().worker(i).nodeId()
                        + " takes no new work until it is empty";
            }
        }
        return "waiting for a worker with nothing running (exclusive task); " + m.workers().length
                + " matching worker(s) busy";
    }

    /**
     * For each group of waiting exclusive tasks with no idle matching worker, keeps one matching
     * worker from new work: the one expected to empty first. Otherwise a busy grid would refill
     * every slot as it frees and the task would wait until the grid fell idle.
     */
    void drain() {
        for (TaskGroup g : round.scheduler().groups.values()) {
            if (!g.exclusive() || g.queue().isEmpty()) {
                continue;
            }
            Matching m = round.scheduler().eligibility.matching(round.index(), g.requirements(), g.command());
            if (!round.anyAvailable(m)) {
                m = round.scheduler().eligibility.matching(round.index(), g.fallback(), g.command());
            }
            int best = -1;
            long bestEmpty = Long.MAX_VALUE;
            for (int i : m.workers()) {
                if (round.quarantined().contains(round.index().worker(i).nodeId()) || drained.get(i)) {
                    continue;
                }
                if (round.idle(i)) {
                    best = -1;
                    break;
                }
                long empty = emptyAt(i);
                if (empty < bestEmpty) {
                    best = i;
                    bestEmpty = empty;
                }
            }
            if (best >= 0) {
                drained.set(best);
            }
        }
    }

    /** When everything known to run on the worker is expected to have ended. */
    private long emptyAt(int i) {
        List<Attempt> running = round.scheduler().attempts.on(round.index().worker(i).nodeId());
        if (running.size() < round.busy(i)) {
            return SlotClock.UNKNOWN;
        }
        long at = round.now();
        for (Attempt a : running) {
            at = Math.max(at, a.freesAt(round.now()));
        }
        return at;
    }
}
