package io.dtf.coordinator;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * What has been cancelled in a run, kept with the run's record in the store so that a new
 * coordinator (its predecessor died mid-cancel) finishes the job: it stops attempts still running,
 * dequeues what waits, and records a late failure of a cancelled task as CANCELLED, not a retry.
 *
 * @param requestedAt  the first request
 * @param wholeRun     every task of the run is cancelled
 * @param taskIds      the tasks cancelled one by one (when not the whole run)
 */
public record Cancellation(Instant requestedAt, boolean wholeRun, Set<String> taskIds) {
    public Cancellation {
        taskIds = taskIds == null ? Set.of() : Set.copyOf(taskIds);
    }

    /** {@code existing} (may be null) widened by a request for {@code taskId} (null: the whole run). */
    static Cancellation add(Cancellation existing, String taskId, Instant now) {
        Instant first = existing == null ? now : existing.requestedAt;
        boolean whole = taskId == null || existing != null && existing.wholeRun;
        Set<String> ids = new TreeSet<>(existing == null ? Set.of() : existing.taskIds);
        if (!whole) {
            ids.add(taskId);
        }
        return new Cancellation(first, whole, whole ? Set.of() : ids);
    }

    public boolean covers(String taskId) {
        return wholeRun || taskIds.contains(taskId);
    }
}
