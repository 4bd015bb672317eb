package io.dtf.simulation;

import java.util.List;

/**
 * One line of a workers file: {@code count} identical workers of hardware class {@code hwClass}.
 *
 * @param slots  tasks each runs at once
 * @param tags   what each advertises in {@code dtf.tags}, for requirements such as {@code tag gpu}
 * @param speed  how fast each runs a task, relative to the reference machine the workload's
 *               durations were measured on (2.0: in half the time)
 */
public record WorkerClass(String hwClass, int count, int slots, List<String> tags, double speed) {
    public WorkerClass {
        tags = List.copyOf(tags);
    }
}
