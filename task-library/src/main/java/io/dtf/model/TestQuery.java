package io.dtf.model;

/**
 * What {@code dtf tests} asks of a suite's per-test history: which tests, in which order, over how
 * many of the suite's latest runs. The answer is a list of {@link TestHistory}, one per test and
 * hardware class.
 *
 * @param view  which tests and in which order (see {@link View})
 * @param limit at most this many rows; 1 to {@link #MAX_LIMIT}
 * @param runs  the suite's latest runs to read; 1 to {@link #MAX_RUNS}
 */
public record TestQuery(View view, int limit, int runs) {
    public static final int MAX_LIMIT = 10_000;
    public static final int MAX_RUNS = 1_000;
    public static final int DEFAULT_LIMIT = 50;
    public static final int DEFAULT_RUNS = 10;

    /** Which tests a query keeps, and how it orders them. */
    public enum View {
        /** Every test, by class, method and hardware class. */
        ALL,
        /** Every test that ran, the longest mean duration first. */
        SLOWEST,
        /** Tests with a flaky run (failed and passed in one run, or ended FLAKY), the most flaky runs first. */
        FLAKY,
        /** Tests with a failed run (failed and never passed in it), the most failed runs first. */
        FAILING
    }

    public TestQuery {
        if (view == null) {
            view = View.ALL;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        if (runs < 1 || runs > MAX_RUNS) {
            throw new IllegalArgumentException("runs: " + runs + " is not between 1 and " + MAX_RUNS);
        }
    }

    /** {@code view} over the suite's last {@value #DEFAULT_RUNS} runs, at most {@value #DEFAULT_LIMIT} rows. */
    public static TestQuery of(View view) {
        return new TestQuery(view, DEFAULT_LIMIT, DEFAULT_RUNS);
    }
}
