package io.dtf.coordinator.placement;

import io.dtf.coordinator.TaskRecord;
import io.dtf.protocol.AttemptId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The attempts the scheduler knows to be running: those it placed (it knows their start and
 * estimate) and those the coordinator reports through {@code running(...)}. They give each worker
 * its expected slot free times, and the attempts that grow late become candidates for a
 * speculative copy. Not thread-safe: the coordinator's loop owns it.
 */
public final class RunningAttempts {
    private final Map<String, List<Attempt>> byTask = new HashMap<>();
    private final Map<String, List<Attempt>> byNode = new HashMap<>();
    private final Map<String, Integer> exclusiveOn = new HashMap<>();
    private final Set<String> copied = new HashSet<>();
    /** Placed originals by the time they become late; ended ones are dropped when they come up. */
    private final PriorityQueue<Timed> lateAt = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));

    private record Timed(long at, Attempt attempt) {
    }

    public void add(Attempt a, Speculation rule) {
        byTask.computeIfAbsent(a.key(), k -> new ArrayList<>(1)).add(a);
        byNode.computeIfAbsent(a.nodeId(), k -> new ArrayList<>(2)).add(a);
        if (a.exclusive()) {
            exclusiveOn.merge(a.nodeId(), 1, Integer::sum);
        }
        if (a.copy()) {
            copied.add(a.key());
        } else if (a.placed() && rule.perRound() > 0) {
            lateAt.add(new Timed(a.startMillis() + rule.lateAfter(a.expectedMillis()), a));
        }
    }

    /**
     * Forgets the attempt {@code attemptId} of {@code taskKey}; returns the node it ran on, or null
     * when it was not known. With a copy running too, the attempt number tells them apart; an id
     * that matches neither is taken to be the copy's (its number is the coordinator's to choose).
     */
    public String end(String taskKey, String attemptId) {
        List<Attempt> list = byTask.get(taskKey);
        if (list == null) {
            return null;
        }
        AttemptId id = AttemptId.parseOrNull(attemptId);
        Attempt gone = list.stream().filter(a -> id != null && a.number() == id.number()).findFirst()
                .or(() -> list.stream().filter(Attempt::copy).findFirst()).orElse(list.get(0));
        removeSame(list, gone);
        if (list.isEmpty()) {
            byTask.remove(taskKey);
            copied.remove(taskKey);
        }
        List<Attempt> onNode = byNode.get(gone.nodeId());
        if (onNode != null) {
            removeSame(onNode, gone);
            if (onNode.isEmpty()) {
                byNode.remove(gone.nodeId());
            }
        }
        if (gone.exclusive()) {
            exclusiveOn.computeIfPresent(gone.nodeId(), (n, c) -> c > 1 ? c - 1 : null);
        }
        return gone.nodeId();
    }

    /**
     * Removes {@code a} itself: {@code List.remove} compares by record equality, down to each task's
     * spec, against every attempt on a busy node; at a few thousand ends a second that was a visible
     * part of the coordinator loop's time.
     */
    private static void removeSame(List<Attempt> list, Attempt a) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == a) {
                list.remove(i);
                return;
            }
        }
    }

    /** The attempts known to run on the node (empty when none). */
    public List<Attempt> on(String nodeId) {
        return byNode.getOrDefault(nodeId, List.of());
    }

    /** The earliest expected end of an attempt on the node; {@link SlotClock#UNKNOWN} when none is known. */
    public long firstEnd(String nodeId) {
        long end = SlotClock.UNKNOWN;
        for (Attempt a : on(nodeId)) {
            end = Math.min(end, a.expectedEnd());
        }
        return end;
    }

    /** Whether an exclusive task runs on the node: then it takes nothing else. */
    public boolean exclusiveOn(String nodeId) {
        return !exclusiveOn.isEmpty() && exclusiveOn.containsKey(nodeId);
    }

    /**
     * The placed originals that are late at {@code now}, still running and not yet copied. Each
     * comes up once; one that could not be copied is handed back with {@link #stillLate}.
     */
    public List<Attempt> late(long now) {
        List<Attempt> out = new ArrayList<>();
        while (!lateAt.isEmpty() && lateAt.peek().at <= now) {
            Attempt a = lateAt.poll().attempt;
            if (running(a) && !copied.contains(a.key())) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether some placed attempt may be late at {@code now} (ended ones are dropped at the next {@link #late}). */
    public boolean lateBy(long now) {
        return !lateAt.isEmpty() && lateAt.peek().at <= now;
    }

    /** Puts a late attempt back, to be considered again in a later round. */
    public void stillLate(Attempt a, long now) {
        lateAt.add(new Timed(now, a));
    }

    private boolean running(Attempt a) {
        List<Attempt> list = byTask.get(a.key());
        return list != null && list.contains(a);
    }

    /** The number the coordinator gives the next attempt of a queued task. */
    public static int nextNumber(TaskRecord queued) {
        return queued.attempts() + 1;
    }
}
