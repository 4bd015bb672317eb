package io.dtf.simulation;

import java.util.List;
import java.util.Map;

/**
 * One line of a workers file: {@code count} identical workers of hardware class {@code hwClass}.
 *
 * @param slots  tasks each runs at once
 * @param tags   what each advertises in {@code dtf.tags}, for requirements such as {@code tag gpu}
 * @param speed  how fast each runs a task, relative to the reference machine the workload's
 *               durations were measured on (2.0: in half the time)
 * @param attributes  further attributes each advertises, by full key ({@code dtf.os.family -> linux}),
 *                    for requirements on them
 */
public record WorkerClass(String hwClass, int count, int slots, List<String> tags, double speed,
                          Map<String, String> attributes) {
    public WorkerClass {
        tags = List.copyOf(tags);
        attributes = Map.copyOf(attributes);
    }

    /** A class with no attributes beyond its class, slots and tags. */
    public WorkerClass(String hwClass, int count, int slots, List<String> tags, double speed) {
        this(hwClass, count, slots, tags, speed, Map.of());
    }
}
