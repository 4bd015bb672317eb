package io.dtf.stats;

import java.time.Instant;

/** A persistent shift in a series: the first run of the new level. */
public record ChangePoint(String run, Instant timestamp, int index, double changePercent, double pValue) {
}
