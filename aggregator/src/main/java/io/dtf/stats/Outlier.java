package io.dtf.stats;

/** A single run far from its neighbours that did not persist: flagged, never dropped. */
public record Outlier(String run, double value, double score) {
}
