package io.dtf.model;

import java.time.Instant;

/**
 * A live worker as {@code dtf status} shows it.
 *
 * @param busy              attempts it runs now
 * @param failureStreak     different tasks in a row it failed for infrastructure reasons
 * @param quarantinedUntil  when its quarantine ends; null when it takes work
 * @param quarantineReason  the failures that put it there
 */
public record WorkerView(String nodeId, String hwClass, int slots, int busy, int failureStreak,
                         Instant quarantinedUntil, String quarantineReason) {
}
