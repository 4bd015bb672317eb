package io.dtf.coordinator;

import io.dtf.hardware.HardwareKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures for placement: workers of a hardware class, and estimates from a table. */
final class Hardware {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Hardware() {
    }

    static WorkerNode worker(String id, String hwClass, int slots) {
        return new WorkerNode(id, Map.of(HardwareKeys.HW_CLASS, hwClass, "dtf.os.family", "linux"), slots);
    }

    /**
     * Estimates from {@code "task@class" -> seconds} entries ({@code "task@"} for no class);
     * a task or class not in the table takes {@code fallbackSeconds}.
     */
    static DurationEstimates estimates(long fallbackSeconds, Object... taskAtClassThenSeconds) {
        Map<String, Long> table = new HashMap<>();
        for (int i = 0; i < taskAtClassThenSeconds.length; i += 2) {
            table.put((String) taskAtClassThenSeconds[i], ((Number) taskAtClassThenSeconds[i + 1]).longValue() * 1000);
        }
        return (suite, spec, hwClass) -> table.getOrDefault(spec.id() + "@" + (hwClass == null ? "" : hwClass),
                table.getOrDefault(spec.id() + "@*", fallbackSeconds * 1000));
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The node ids of a round's assignments, by task id. */
    static Map<String, String> placed(List<Assignment> assignments) {
        Map<String, String> out = new HashMap<>();
        assignments.forEach(a -> out.put(a.task().spec().id(), a.nodeId()));
        return out;
    }

    static List<String> taskIds(List<Assignment> assignments) {
        return assignments.stream().map(a -> a.task().spec().id()).toList();
    }
}
