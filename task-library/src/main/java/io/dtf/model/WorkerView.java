package io.dtf.model;

import java.time.Instant;
import java.util.List;

/**
 * A live worker as {@code dtf worker list} shows it.
 *
 * @param host              its host name, as it advertises it ({@code dtf.hostname})
 * @param addresses         the IP addresses it listens on for the grid
 * @param busy              attempts it runs now
 * @param failureStreak     different tasks in a row it failed for infrastructure reasons
 * @param quarantinedUntil  when its quarantine ends; null when it takes work
 * @param quarantineReason  the failures that put it there
 */
public record WorkerView(String nodeId, String host, List<String> addresses, String hwClass, int slots, int busy,
                         int failureStreak, Instant quarantinedUntil, String quarantineReason) {
    public WorkerView {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
