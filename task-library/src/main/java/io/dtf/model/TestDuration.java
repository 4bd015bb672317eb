package io.dtf.model;

/**
 * How long one test class took in past runs of a suite on one hardware class, from the aggregator's
 * history: what splitting packs tasks by.
 *
 * @param meanMillis the mean over the last {@code runs} runs that ran the class there
 */
public record TestDuration(String className, String hwClass, double meanMillis, int runs) {
}
