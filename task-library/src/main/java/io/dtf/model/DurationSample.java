package io.dtf.model;

/**
 * How long one task of a suite took on one hardware class in its latest passing attempts there, from
 * the aggregator's history: what the coordinator's placement learns expected durations from.
 *
 * @param suite   the suite's name
 * @param taskId  the task's id within the suite (stable across runs of the suite)
 * @param hwClass the hardware class it ran on; null for results from a node that declared none
 * @param count   how many passing attempts {@code millis} is taken over, at least 1
 * @param millis  their median run time ({@code ended_at - started_at}), in milliseconds, at least 0
 */
public record DurationSample(String suite, String taskId, String hwClass, int count, long millis) {
    public DurationSample {
        if (suite == null || taskId == null) {
            throw new IllegalArgumentException("suite and taskId: give both");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " is not at least 1");
        }
        if (millis < 0) {
            throw new IllegalArgumentException("millis: " + millis + " is negative");
        }
    }
}
