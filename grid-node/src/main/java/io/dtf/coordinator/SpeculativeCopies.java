package io.dtf.coordinator;

import io.dtf.coordinator.placement.Attempt;
import io.dtf.coordinator.placement.Eligibility.Matching;
import io.dtf.coordinator.placement.TaskGroup;
import java.util.BitSet;
import java.util.List;

/**
 * The speculative-copy decision of one round (the rule is {@link io.dtf.coordinator.placement.Speculation}):
 * which late attempts get a second attempt, and where. Made after the queue's placements, so a
 * copy only takes a slot no queued task could use.
 */
final class SpeculativeCopies {
    private final SchedulingRound round;
    private final Scheduler s;
    private final List<Assignment> speculative;

    SpeculativeCopies(SchedulingRound round, List<Assignment> speculative) {
        this.round = round;
        this.s = round.scheduler();
        this.speculative = speculative;
    }

    /**
     * Copies of late attempts onto free workers that no queued task can use, at most
     * {@code perRound} of them, the fastest expected copy first for each late attempt.
     */
    void run() {
        List<Attempt> late = s.attempts.late(round.now());
        if (late.isEmpty()) {
            return;
        }
        BitSet wanted = wantedByQueue();
        for (Attempt a : late) {
            if (speculative.size() >= s.speculation.perRound()) {
                s.attempts.stillLate(a, round.now());
                continue;
            }
            TaskRecord task = a.task();
            Matching m = s.eligibility.matching(round.index(), Scheduler.primary(task), Scheduler.isCommand(task));
            long elapsed = round.now() - a.startMillis();
            round.newTask();
            int best = -1;
            for (int i : round.freeAmong(m.members())) {
                String id = round.index().worker(i).nodeId();
                boolean room = task.spec().exclusive() ? round.idle(i) : round.freeSlots(i) > 0;
                if (!room || wanted.get(i) || id.equals(a.nodeId())
                        || task.retry().avoidNodes().contains(id)
                        || !s.speculation.worthCopying(a.expectedMillis(), elapsed, round.expectedOn(task, i))) {
                    continue;
                }
                if (best < 0 || round.expectedOn(task, i) < round.expectedOn(task, best)) {
                    best = i;
                }
            }
            if (best < 0) {
                s.attempts.stillLate(a, round.now());
                continue;
            }
            String id = round.index().worker(best).nodeId();
            round.busyMap().merge(id, 1, Integer::sum);
            speculative.add(new Assignment(task, id, false));
            s.track(new Attempt(task, id, 0, round.now(), round.expectedOn(task, best), true, true));
        }
    }

    /** Workers some task still queued could run on: a copy never takes their slots. */
    private BitSet wantedByQueue() {
        BitSet wanted = new BitSet(round.index().size());
        for (TaskGroup g : s.groups.values()) {
            if (!g.queue().isEmpty()) {
                wanted.or(s.eligibility.matching(round.index(), g.requirements(), g.command()).members());
                if (!g.fallback().isEmpty()) {
                    wanted.or(s.eligibility.matching(round.index(), g.fallback(), g.command()).members());
                }
            }
        }
        for (TaskRecord t : s.retrying) {
            wanted.or(s.eligibility.matching(round.index(), Scheduler.primary(t), Scheduler.isCommand(t)).members());
        }
        return wanted;
    }
}
