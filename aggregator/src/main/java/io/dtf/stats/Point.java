package io.dtf.stats;

import java.time.Instant;
import java.util.List;

/** One run of a series: every sample it measured, in order. {@code commit} may be null. */
public record Point(String run, Instant timestamp, List<Double> samples, String commit) {
    public Point {
        samples = List.copyOf(samples);
    }
}
