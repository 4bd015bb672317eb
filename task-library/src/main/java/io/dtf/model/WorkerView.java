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
 * @param refusedReports    its reports the coordinator refused (bad or missing signature, or
 *                          another attempt's), since this coordinator started
 */
public record WorkerView(String nodeId, String host, List<String> addresses, String hwClass, int slots, int busy,
                         int failureStreak, Instant quarantinedUntil, String quarantineReason, int refusedReports) {
    public WorkerView {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** A worker none of whose reports was refused. */
    public WorkerView(String nodeId, String host, List<String> addresses, String hwClass, int slots, int busy,
                      int failureStreak, Instant quarantinedUntil, String quarantineReason) {
        this(nodeId, host, addresses, hwClass, slots, busy, failureStreak, quarantinedUntil, quarantineReason, 0);
    }
}
