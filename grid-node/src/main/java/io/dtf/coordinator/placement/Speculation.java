package io.dtf.coordinator.placement;

import java.time.Duration;

/**
 * When a running attempt is late enough to deserve a speculative copy (MapReduce's backup tasks,
 * Dean and Ghemawat 2004; Spark's {@code spark.speculation}): the copy runs on another, idle worker,
 * the first to finish wins and the coordinator stops the other.
 *
 * <p>An attempt is late once it has run more than {@code max(factor x expected, expected + floor)}:
 * the factor keeps a noisy estimate from triggering copies of long tasks, the floor does the same
 * for short ones, where a few seconds of dispatch jitter are a large factor. A late attempt's
 * remaining time is unknown (a worker reports no progress); it is taken to be as late again as it
 * already is ({@code elapsed - expected}), so a copy is made only where a fresh run is expected to
 * finish before that. At most {@code perRound} copies are made in a round, at most one per task,
 * and only on workers no queued task can use.
 *
 * @param factor    how many times its expected run time an attempt runs before it is late
 * @param floor     the least lateness, beyond the expected run time, that counts
 * @param perRound  the most copies started in one round
 */
public record Speculation(double factor, Duration floor, int perRound) {
    public static final Speculation DEFAULT = new Speculation(2.0, Duration.ofSeconds(30), 4);
    /** No speculative copies at all. */
    public static final Speculation OFF = new Speculation(Double.POSITIVE_INFINITY, Duration.ZERO, 0);

    /** How long after its start an attempt expected to take {@code expectedMillis} is late. */
    public long lateAfter(long expectedMillis) {
        if (perRound <= 0 || Double.isInfinite(factor)) {
            return Long.MAX_VALUE / 4;
        }
        return Math.max((long) Math.ceil(factor * expectedMillis), expectedMillis + floor.toMillis());
    }

    /**
     * Whether a copy expected to take {@code copyMillis} should start for an attempt that has run
     * {@code elapsedMillis} against {@code expectedMillis}.
     */
    public boolean worthCopying(long expectedMillis, long elapsedMillis, long copyMillis) {
        return elapsedMillis > lateAfter(expectedMillis) && copyMillis < elapsedMillis - expectedMillis;
    }
}
