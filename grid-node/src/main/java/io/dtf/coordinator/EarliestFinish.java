package io.dtf.coordinator;

import io.dtf.coordinator.placement.Eligibility.Matching;
import io.dtf.coordinator.placement.QueuedTask;
import io.dtf.coordinator.placement.SlotClock;
import io.dtf.coordinator.placement.TaskGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Earliest-finish list scheduling of one group when its queue is shallow: each task, longest
 * first, goes to the matching worker where {@code max(now, slot free) + expected(task, hw class)}
 * is least. When that worker is busy the task is held for it (its slot is reserved in this round's
 * plan, so the next task sees the load) rather than started on an idle slower worker.
 *
 * <p>The bound on holding: this plan runs only while the group's queue is no deeper than the busy
 * slots on hardware faster (for the task at its head) than the best idle worker. A deeper queue has
 * work for every faster slot in its next wave anyway, so the idle worker then gets a task at once
 * (see {@code placeGreedy}); holding only pays near the end of a run, where a long task started on a
 * slow worker sets the makespan. With no faster busy slot the plan is not needed either. Per worker class the plan keeps one heap ordered by the
 * earliest slot free time, so a task costs (hardware classes x log workers), not (workers).
 *
 * <p>A round holds at most {@link #HOLDS_PER_FREE_SLOT} tasks per free slot (and at least
 * {@link #MIN_HOLDS}): past that the remaining tasks wait for the next round, which plans again
 * from what really runs. Without the bound one freed slot on a slow worker could make a round walk
 * thousands of queued tasks that all prefer the busy fast workers.
 */
final class EarliestFinish {
    static final int HOLDS_PER_FREE_SLOT = 4;
    static final int MIN_HOLDS = 16;

    private record Entry(long at, int worker) {
    }

    private final SchedulingRound round;
    private final TaskGroup group;
    private final Matching matching;
    private final boolean fallback;

    EarliestFinish(SchedulingRound round, TaskGroup group, Matching matching, boolean fallback) {
        this.round = round;
        this.group = group;
        this.matching = matching;
        this.fallback = fallback;
    }

    /** Plans the group; false when its queue is too deep for holding and greedy placement must do. */
    boolean run() {
        int[] free = round.freeAmong(matching.members());
        int freeSlots = 0;
        int[] freeByClass = new int[round.index().classCount()];
        for (int i : free) {
            int f = round.freeSlots(i);
            freeSlots += f;
            freeByClass[round.index().classOf(i)] += f;
        }
        if (freeSlots == 0) {
            return true;
        }
        TaskRecord head = group.queue().peek().task();
        round.newTask();
        long bestIdle = Long.MAX_VALUE;
        for (int i : free) {
            if (round.freeSlots(i) > 0) {
                bestIdle = Math.min(bestIdle, round.expectedOn(head, i));
            }
        }
        // Busy slots on hardware where the head task runs faster than on the best idle worker:
        // only a queue no deeper than those may wait for them.
        int fasterBusy = 0;
        int[] byClass = matching.slotsByClass();
        for (int c = 0; c < byClass.length; c++) {
            if (byClass[c] > 0 && round.expected(head, c) < bestIdle) {
                fasterBusy += byClass[c] - freeByClass[c];
            }
        }
        if (fasterBusy == 0 || group.queue().size() > fasterBusy) {
            return false;
        }
        List<PriorityQueue<Entry>> heaps = new ArrayList<>();
        for (int c = 0; c < round.index().classCount(); c++) {
            heaps.add(new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                    : Integer.compare(a.worker, b.worker)));
        }
        boolean anyQuarantined = !round.quarantined().isEmpty();
        for (int i : matching.workers()) {
            if (!anyQuarantined || !round.quarantined().contains(round.index().worker(i).nodeId())) {
                heaps.get(round.index().classOf(i)).add(new Entry(round.earliestFree(i), i));
            }
        }
        List<QueuedTask> held = new ArrayList<>();
        long now = round.now();
        int holds = Math.max(MIN_HOLDS, HOLDS_PER_FREE_SLOT * freeSlots);
        while (freeSlots > 0 && !group.queue().isEmpty() && held.size() < holds) {
            QueuedTask q = group.queue().poll();
            TaskRecord task = q.task();
            round.newTask();
            Entry best = null;
            long bestFinish = Long.MAX_VALUE;
            long idleFinish = Long.MAX_VALUE;
            int idleWorker = -1;
            for (PriorityQueue<Entry> heap : heaps) {
                Entry top = top(heap);
                if (top == null || top.at >= SlotClock.UNKNOWN) {
                    continue;
                }
                long finish = Math.max(now, top.at) + round.expectedOn(task, top.worker);
                boolean freeNow = top.at <= now && round.freeSlots(top.worker) > 0;
                if (freeNow && finish < idleFinish) {
                    idleFinish = finish;
                    idleWorker = top.worker;
                }
                // Equal finish: start now rather than wait.
                if (finish < bestFinish || finish == bestFinish && freeNow) {
                    best = top;
                    bestFinish = finish;
                }
            }
            if (best == null) {
                held.add(q);
                break;
            }
            if (best.at <= now && round.freeSlots(best.worker) > 0) {
                round.place(task, best.worker, fallback);
                freeSlots--;
            } else {
                round.clock(best.worker).reserve(now, round.expectedOn(task, best.worker));
                held.add(q);
                round.scheduler().held.put(task.key(), new Scheduler.Held(bestFinish, round.index().worker(best.worker).nodeId(),
                        idleFinish, idleWorker < 0 ? null : round.index().worker(idleWorker).nodeId()));
            }
        }
        group.queue().addAll(held);
        return true;
    }

    /** The heap's worker with the earliest slot, its key brought up to date (keys only grow in a round). */
    private Entry top(PriorityQueue<Entry> heap) {
        while (!heap.isEmpty()) {
            Entry top = heap.peek();
            long at = round.earliestFree(top.worker);
            if (at == top.at) {
                return top;
            }
            heap.poll();
            heap.add(new Entry(at, top.worker));
        }
        return null;
    }
}
