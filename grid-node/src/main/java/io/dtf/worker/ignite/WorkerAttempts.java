package io.dtf.worker.ignite;

import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;

/**
 * What this worker runs and has recently finished, for a new coordinator to reconcile against,
 * and the fence against replaced coordinators: once a worker has heard of epoch N, it refuses
 * attempts from any epoch below N. Begin and reconcile share one lock, so an attempt from a
 * replaced coordinator is either seen by its successor's reconcile (and adopted) or refused.
 */
final class WorkerAttempts {
    private static final String KEY = "dtf.worker.attempts";
    /** Finished replies kept for a new coordinator: bounded, since each holds output tails. */
    private static final int KEEP_FINISHED = 1_000;
    private static final Duration KEEP_FOR = Duration.ofMinutes(15);

    private record Finished(LiveAttempt attempt, Instant at) {
    }

    private final Map<String, LiveAttempt> running = new LinkedHashMap<>();
    /** How to stop each running attempt that has said how. */
    private final Map<String, Runnable> stoppers = new HashMap<>();
    private final LinkedHashMap<String, Finished> finished = new LinkedHashMap<>();
    private long newestEpoch;

    static WorkerAttempts of(Ignite ignite) {
        return (WorkerAttempts) ignite.cluster().nodeLocalMap().computeIfAbsent(KEY, k -> new WorkerAttempts());
    }

    /** Registers a starting attempt; false when a newer coordinator than its sender is in charge. */
    synchronized boolean begin(LiveAttempt attempt, long epoch) {
        if (epoch < newestEpoch) {
            return false;
        }
        newestEpoch = epoch;
        running.put(key(attempt), attempt);
        return true;
    }

    /**
     * Registers the starting attempts of one batch, all or none: false when a newer coordinator
     * than their sender is in charge.
     */
    synchronized boolean beginAll(List<LiveAttempt> batch, long epoch) {
        if (epoch < newestEpoch) {
            return false;
        }
        newestEpoch = epoch;
        batch.forEach(a -> running.put(key(a), a));
        return true;
    }

    synchronized long newestEpoch() {
        return newestEpoch;
    }

    /** Registers how to stop a running attempt when its task is cancelled. */
    synchronized void stoppable(LiveAttempt attempt, Runnable stop) {
        if (running.containsKey(key(attempt))) {
            stoppers.put(key(attempt), stop);
        }
    }

    /**
     * Stops a running attempt; false when it does not run here (not yet, or any more) or when
     * {@code epoch} is older than the newest coordinator this worker has heard of.
     */
    synchronized boolean stop(String taskKey, String attemptId, long epoch) {
        Runnable stop = epoch < newestEpoch ? null : stoppers.get(taskKey + "@" + attemptId);
        if (stop == null) {
            return false;
        }
        stop.run(); // under the lock: once end() has returned, no stop reaches the attempt's thread
        return true;
    }

    synchronized void end(LiveAttempt attempt, JobReply reply) {
        running.remove(key(attempt));
        stoppers.remove(key(attempt));
        finished.put(key(attempt), new Finished(new LiveAttempt(attempt.taskKey(), attempt.attemptId(),
                attempt.attempt(), attempt.nodeId(), reply), Instant.now()));
        Instant cutoff = Instant.now().minus(KEEP_FOR);
        Iterator<Finished> oldest = finished.values().iterator();
        while (oldest.hasNext()) {
            Finished f = oldest.next();
            if (finished.size() <= KEEP_FINISHED && f.at().isAfter(cutoff)) {
                break;
            }
            oldest.remove();
        }
    }

    /** Attempt ids are unique within a task only. */
    private static String key(LiveAttempt a) {
        return a.taskKey() + "@" + a.attemptId();
    }

    /** Everything running and recently finished here; from now on attempts older than {@code epoch} are refused. */
    synchronized List<LiveAttempt> reconcile(long epoch) {
        newestEpoch = Math.max(newestEpoch, epoch);
        List<LiveAttempt> out = new ArrayList<>(running.values());
        finished.values().forEach(f -> out.add(f.attempt()));
        return out;
    }
}
