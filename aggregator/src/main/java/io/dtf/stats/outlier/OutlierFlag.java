package io.dtf.stats.outlier;

/** A point judged an outlier: its robust z-score against the level before it. */
public record OutlierFlag(int index, double score) {
}
