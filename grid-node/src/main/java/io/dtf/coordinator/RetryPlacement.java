package io.dtf.coordinator;

import io.dtf.coordinator.placement.Eligibility.Matching;
import io.dtf.requirements.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Places the retries that must avoid nodes or wait out a backoff, one by one and before the
 * groups: they have waited already, so none is held back for a faster worker. A retry whose wait
 * for a matching node ran out leaves the queue as expired.
 */
final class RetryPlacement {
    private final SchedulingRound round;
    private final Scheduler s;

    RetryPlacement(SchedulingRound round) {
        this.round = round;
        this.s = round.scheduler();
    }

    void run() {
        List<TaskRecord> waiting = new ArrayList<>(s.retrying.size());
        long now = round.now();
        while (!s.retrying.isEmpty()) {
            TaskRecord t = s.retrying.poll();
            RetryState retry = t.retry();
            if (retry.notBefore() != null && now < retry.notBefore().toEpochMilli()) {
                s.retryReasons.put(t.key(), "backing off until " + retry.notBefore() + " before retry "
                        + (t.attempts() + 1));
                waiting.add(t);
                continue;
            }
            boolean command = Scheduler.isCommand(t);
            List<Requirement> primary = Scheduler.primary(t);
            boolean fallback = false;
            Matching m = s.eligibility.matching(round.index(), primary, command);
            int eligible = eligible(t, m);
            if (eligible == 0 && !t.spec().fallback().isEmpty()) {
                m = s.eligibility.matching(round.index(), SchedulingRound.withExtra(t.spec().fallback(), retry.extra()),
                        command);
                eligible = eligible(t, m);
                fallback = true;
            }
            int best = best(t, m);
            if (best >= 0) {
                round.place(t, best, fallback);
            } else if (eligible == 0 && retry.waitUntil() != null && now >= retry.waitUntil().toEpochMilli()) {
                s.retryReasons.remove(t.key());
                round.expired().add(t);
            } else {
                s.retryReasons.put(t.key(), eligible == 0 ? noMatch(t, primary, command)
                        : "all " + eligible + " matching worker(s) busy");
                waiting.add(t);
            }
        }
        s.retrying.addAll(waiting);
    }

    /** Matching workers that are neither quarantined nor to be avoided. */
    private int eligible(TaskRecord t, Matching m) {
        int n = 0;
        for (int i : m.workers()) {
            String id = round.index().worker(i).nodeId();
            if (!round.quarantined().contains(id) && !t.retry().avoidNodes().contains(id)) {
                n++;
            }
        }
        return n;
    }

    /** The free matching worker the placement picks, or -1. */
    private int best(TaskRecord t, Matching m) {
        round.newTask();
        int best = -1;
        for (int i : round.freeAmong(m.members())) {
            String id = round.index().worker(i).nodeId();
            boolean room = t.spec().exclusive() ? round.idle(i) : round.freeSlots(i) > 0;
            if (!room || t.retry().avoidNodes().contains(id)) {
                continue;
            }
            if (best < 0 || better(t, i, best)) {
                best = i;
            }
        }
        return best;
    }

    private boolean better(TaskRecord t, int a, int b) {
        if (s.placement == Placement.EARLIEST_FINISH && round.expectedOn(t, a) != round.expectedOn(t, b)) {
            return round.expectedOn(t, a) < round.expectedOn(t, b);
        }
        return round.freeSlots(a) > round.freeSlots(b);
    }

    private String noMatch(TaskRecord t, List<Requirement> primary, boolean command) {
        RetryState retry = t.retry();
        List<WorkerNode> allowed = new ArrayList<>();
        for (int i = 0; i < round.index().size(); i++) {
            WorkerNode w = round.index().worker(i);
            if (!retry.avoidNodes().contains(w.nodeId())) {
                allowed.add(w);
            }
        }
        return Scheduler.noMatchReason(primary, command, allowed, round.quarantined())
                + (retry.avoidNodes().isEmpty() ? "" : "; avoiding " + retry.avoidNodes().size()
                + " node(s) it failed on")
                + (retry.waitUntil() == null ? "" : "; gives up at " + retry.waitUntil());
    }
}
