package io.dtf.coordinator;

import io.dtf.coordinator.placement.Eligibility.Matching;
import java.util.ArrayList;
import java.util.List;

/**
 * Places the retries that must avoid nodes or wait out a backoff, one by one and before the
 * groups: they have waited already, so none is held back for a faster worker. A retry avoids the
 * nodes it failed on while another matching worker is up, and falls back to them otherwise. A retry
 * whose wait for a matching node ran out leaves the queue as expired.
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
            Candidates c = candidates(t, true);
            if (c.eligible() == 0 && !retry.avoidNodes().isEmpty()) {
                // Every matching worker up is one it failed on: one of them after the backoff, rather than none
                // until the timeout (a grid of one worker, or a failure of the grid's, not the node's, seen there).
                c = candidates(t, false);
            }
            int eligible = c.eligible();
            int best = best(t, c.matching(), c.avoid());
            if (best >= 0) {
                round.place(t, best, c.fallback());
            } else if (eligible == 0 && retry.waitUntil() != null && now >= retry.waitUntil().toEpochMilli()) {
                s.retryReasons.remove(t.key());
                round.expired().add(t);
            } else {
                s.retryReasons.put(t.key(), eligible == 0 ? noMatch(t)
                        : "all " + eligible + " matching worker(s) busy");
                waiting.add(t);
            }
        }
        s.retrying.addAll(waiting);
    }

    /**
     * The workers a retry may go to: those meeting its requirements, else those meeting its fallback.
     *
     * @param avoid     leave out the nodes it failed on
     * @param eligible  how many of them are neither quarantined nor (if {@code avoid}) failed on
     */
    private record Candidates(Matching matching, boolean fallback, boolean avoid, int eligible) {
    }

    private Candidates candidates(TaskRecord t, boolean avoid) {
        boolean command = Scheduler.isCommand(t);
        Matching m = s.eligibility.matching(round.index(), Scheduler.primary(t), command);
        int eligible = eligible(t, m, avoid);
        if (eligible > 0 || t.spec().fallback().isEmpty()) {
            return new Candidates(m, false, avoid, eligible);
        }
        m = s.eligibility.matching(round.index(), SchedulingRound.withExtra(t.spec().fallback(), t.retry().extra()),
                command);
        return new Candidates(m, true, avoid, eligible(t, m, avoid));
    }

    /** Matching workers that are neither quarantined nor (if {@code avoid}) to be avoided. */
    private int eligible(TaskRecord t, Matching m, boolean avoid) {
        int n = 0;
        for (int i : m.workers()) {
            String id = round.index().worker(i).nodeId();
            if (!round.quarantined().contains(id) && !(avoid && t.retry().avoidNodes().contains(id))) {
                n++;
            }
        }
        return n;
    }

    /** The free matching worker the placement picks, or -1. */
    private int best(TaskRecord t, Matching m, boolean avoid) {
        round.newTask();
        int best = -1;
        for (int i : round.freeAmong(m.members())) {
            String id = round.index().worker(i).nodeId();
            boolean room = t.spec().exclusive() ? round.idle(i) : round.freeSlots(i) > 0;
            if (!room || avoid && t.retry().avoidNodes().contains(id)) {
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

    /** Why no worker at all can take it: the nodes it failed on count too (see {@link #run}). */
    private String noMatch(TaskRecord t) {
        List<WorkerNode> all = new ArrayList<>(round.index().size());
        for (int i = 0; i < round.index().size(); i++) {
            all.add(round.index().worker(i));
        }
        RetryState retry = t.retry();
        return Scheduler.noMatchReason(Scheduler.primary(t), Scheduler.isCommand(t), all, round.quarantined())
                + (retry.waitUntil() == null ? "" : "; gives up at " + retry.waitUntil());
    }
}
