package io.dtf.stats.dimensions;

import io.dtf.stats.SeriesKey;
import io.dtf.stats.descriptive.Interval;

/** The best series of a benchmark, whose median's bootstrap interval clears the runner-up's. */
public record BestConfiguration(SeriesKey best, double median, Interval interval, SeriesKey runnerUp,
                                double runnerUpMedian, Interval runnerUpInterval) {
}
