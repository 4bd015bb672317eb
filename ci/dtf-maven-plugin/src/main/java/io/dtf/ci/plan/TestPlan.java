package io.dtf.ci.plan;

import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The tasks a test run is split into, longest first (the order to submit them in, so that a
 * first-come scheduler ends close to the longest-processing-time schedule).
 *
 * @param batches            one per task
 * @param classesWithHistory test classes whose duration came from history
 * @param classesEstimated   test classes without history, estimated from their class file size
 *                           against the classes with history
 * @param sizeOnly           true when no class had history: batches are balanced by class file
 *                           size, and their estimates are zero (unknown)
 */
public record TestPlan(List<TestBatch> batches, int classesWithHistory, int classesEstimated, boolean sizeOnly) {
    public TestPlan {
        batches = List.copyOf(batches);
    }

    /** The sum of the batches' estimates: the work to do. */
    public Duration totalEstimate() {
        return batches.stream().map(TestBatch::estimate).reduce(Duration.ZERO, Duration::plus);
    }

    /** The shortest any schedule could take on {@code slots} slots: the work spread perfectly. */
    public Duration idealMakespan(int slots) {
        return totalEstimate().dividedBy(checked(slots));
    }

    /**
     * How long the plan takes on {@code slots} equal worker slots that can all run every batch, by
     * the estimates: batches are started in plan order, each on the first slot that is free. This is
     * what a benchmark compares to the measured wall time and to {@link #idealMakespan(int)}.
     */
    public Duration makespan(int slots) {
        PriorityQueue<Duration> freeAt = new PriorityQueue<>();
        for (int i = 0; i < checked(slots); i++) {
            freeAt.add(Duration.ZERO);
        }
        Duration end = Duration.ZERO;
        for (TestBatch batch : batches) {
            Duration done = freeAt.poll().plus(batch.estimate());
            freeAt.add(done);
            end = done.compareTo(end) > 0 ? done : end;
        }
        return end;
    }

    private static int checked(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        return slots;
    }
}
