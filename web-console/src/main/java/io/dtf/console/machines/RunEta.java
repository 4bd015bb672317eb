package io.dtf.console.machines;

import io.dtf.model.TaskState;
import java.time.Instant;
import java.util.Map;

/**
 * A run still going, with how fast it moves.
 *
 * @param done        its tasks in a final state
 * @param perMinute   tasks it finished per minute lately (over the last few minutes the console watched,
 *                    else since it was submitted); null before it finished any
 * @param etaSeconds  seconds until its last task ends at that pace; null while the pace is unknown
 */
public record RunEta(String runId, String suite, String owner, Instant submittedAt, int total, int done,
                     Map<TaskState, Integer> counts, Double perMinute, Long etaSeconds) {
}
