package io.dtf.console.machines;

import io.dtf.model.WorkerView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A worker as the console shows it: what the node advertises (see {@link NodeFacts}) merged with what
 * the coordinator knows of it ({@link WorkerView}). The coordinator's fields are null when no
 * coordinator answered.
 *
 * @param state           {@code ready} (takes work), {@code quarantined} (takes none until
 *                        {@code quarantinedUntil}), {@code starting} (in the grid, not yet ready for work)
 *                        or {@code unknown} (no coordinator answered)
 * @param busy            attempts it runs now
 * @param load            {@code busy / slots}, 0 to 1
 * @param cpuLoad         its CPU load, 0 to 1, from its last Ignite metrics
 * @param failureStreak   different tasks in a row it failed for infrastructure reasons (3 quarantine it)
 * @param refusedReports  its reports the coordinator refused (bad signature, another attempt's)
 */
public record WorkerSummary(String id, String host, List<String> addresses, String hwClass, String state,
                            List<String> tags, List<String> accelerators, int slots, Integer busy, Double load,
                            Double cpuLoad, Integer failureStreak, Instant quarantinedUntil, String quarantineReason,
                            Integer refusedReports, Instant upSince, List<String> roles, Map<String, Object> attributes) {
    public static final String READY = "ready";
    public static final String QUARANTINED = "quarantined";
    public static final String STARTING = "starting";
    public static final String UNKNOWN = "unknown";

    /** Merges a node's facts with the coordinator's view of it: null when the coordinator did not answer. */
    static WorkerSummary of(NodeFacts node, WorkerView view, boolean coordinatorAnswered) {
        int slots = view != null ? view.slots() : node.slots() == null ? 1 : node.slots();
        String state = !coordinatorAnswered ? UNKNOWN : view == null ? STARTING
                : view.quarantinedUntil() != null ? QUARANTINED : READY;
        Integer busy = view == null ? (coordinatorAnswered ? 0 : null) : view.busy();
        return new WorkerSummary(node.id(), node.host(), node.addresses(), node.hwClass(), state, node.tags(),
                node.accelerators(), slots, busy, busy == null ? null : slots == 0 ? 0.0 : (double) busy / slots,
                node.cpuLoad(), view == null ? null : view.failureStreak(),
                view == null ? null : view.quarantinedUntil(), view == null ? null : view.quarantineReason(),
                view == null ? null : view.refusedReports(), node.upSince(), node.roles(), node.attributes());
    }
}
