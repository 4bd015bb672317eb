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
 * <p>A group is planned at most once a second ({@link #REPLAN_MILLIS}; a fast worker that frees
 * meanwhile still gets the head task at once, without a plan), and a plan that places nothing is
 * not made again until the first faster slot is expected to free (or the grid changes): until
 * then it would come to the same decision. A round holds at most {@link #HOLDS_PER_FREE_SLOT} tasks per free slot (and at least
 * {@link #MIN_HOLDS}): past that the remaining tasks wait for the next round, which plans again
 * from what really runs. Without the bound one freed slot on a slow worker could make a round walk
 * thousands of queued tasks that all prefer the busy fast workers.
 */
final class EarliestFinish {
    static final int HOLDS_PER_FREE_SLOT = 4;
    static final int MIN_HOLDS = 16;
    /** The least time between two holding plans of a group: each costs a pass over its faster workers. */
    static final long REPLAN_MILLIS = 1_000;

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

    /** Places (or holds) the group's tasks for this round. */
    void run() {
        int[] free = round.freeAmong(matching.members());
        int[] room = new int[free.length];
        int freeSlots = 0;
        int[] freeByClass = new int[round.index().classCount()];
        for (int k = 0; k < free.length; k++) {
            room[k] = round.freeSlots(free[k]);
            freeSlots += room[k];
            freeByClass[round.index().classOf(free[k])] += room[k];
        }
        while (!group.queue().isEmpty() && freeSlots > 0) {
            TaskRecord head = group.queue().peek().task();
            round.newTask();
            int best = -1;
            for (int k = 0; k < free.length; k++) {
                if (room[k] > 0 && (best < 0 || better(head, free[k], room[k], free[best], room[best]))) {
                    best = k;
                }
            }
            // Busy slots on hardware where the head task runs faster than on the best idle worker:
            // only a queue no deeper than those may wait for them.
            long idleMillis = round.expectedOn(head, free[best]);
            int fasterBusy = 0;
            int[] byClass = matching.slotsByClass();
            for (int c = 0; c < byClass.length; c++) {
                if (byClass[c] > 0 && round.expected(head, c) < idleMillis) {
                    fasterBusy += byClass[c] - freeByClass[c];
                }
            }
            if (fasterBusy > 0 && group.queue().size() <= fasterBusy) {
                if (round.now() >= group.holdUntil() || group.holdIndex() != round.index()) {
                    plan(freeSlots, head, idleMillis);
                }
                return;
            }
            group.queue().poll();
            round.place(head, free[best], fallback);
            room[best]--;
            freeSlots--;
            freeByClass[round.index().classOf(free[best])]--;
        }
    }

    /** Fastest for the task, then the most free slots. */
    private boolean better(TaskRecord task, int a, int roomA, int b, int roomB) {
        long ea = round.expectedOn(task, a);
        long eb = round.expectedOn(task, b);
        return ea != eb ? ea < eb : roomA > roomB;
    }

    /** The hold plan: earliest-finish list scheduling over busy and free slots, by hardware class. */
    private void plan(int freeSlots, TaskRecord head, long idleMillis) {
        List<PriorityQueue<Entry>> heaps = new ArrayList<>();
        for (int c = 0; c < round.index().classCount(); c++) {
            heaps.add(new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                    : Integer.compare(a.worker, b.worker)));
        }
        // Busy workers matter only where the head runs faster than on the best idle worker (speeds
        // rank the same for every task on uniform machines); idle ones are in the free set.
        boolean[] faster = new boolean[heaps.size()];
        for (int c = 0; c < faster.length; c++) {
            faster[c] = matching.slotsByClass()[c] > 0 && round.expected(head, c) < idleMillis;
        }
        boolean anyQuarantined = !round.quarantined().isEmpty();
        for (int i : matching.workers()) {
            if (faster[round.index().classOf(i)]
                    && (!anyQuarantined || !round.quarantined().contains(round.index().worker(i).nodeId()))) {
                heaps.get(round.index().classOf(i)).add(new Entry(round.earliestFree(i), i));
            }
        }
        for (int i : round.freeAmong(matching.members())) {
            if (!faster[round.index().classOf(i)] && round.freeSlots(i) > 0) {
                heaps.get(round.index().classOf(i)).add(new Entry(round.earliestFree(i), i));
            }
        }
        List<QueuedTask> held = new ArrayList<>();
        long now = round.now();
        // Until the first faster slot frees, a plan that places nothing would decide the same again.
        long fasterFrees = SlotClock.UNKNOWN;
        for (int c = 0; c < heaps.size(); c++) {
            Entry top = top(heaps.get(c));
            if (top != null && round.expected(head, c) < idleMillis) {
                fasterFrees = Math.min(fasterFrees, top.at);
            }
        }
        int placedBefore = freeSlots;
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
        long again = now + REPLAN_MILLIS;
        group.holdUntil(freeSlots == placedBefore ? Math.max(fasterFrees, again) : again, round.index());
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
