package io.dtf.model;

import java.time.Instant;

/**
 * Which stretch of history a fault report covers: a time window ({@code since}, {@code until}) or the
 * latest {@code runs} runs, never both. The answer is a {@link FaultReport}.
 *
 * <pre>{@code
 * FaultQuery lastTwenty = FaultQuery.latestRuns(20);
 * FaultQuery today = new FaultQuery(Instant.now().minus(Duration.ofDays(1)), null, null, FaultQuery.DEFAULT_LIMIT);
 * }</pre>
 *
 * @param since attempts that ended at or after this instant; null for no lower bound
 * @param until attempts that ended before this instant; null for no upper bound
 * @param runs  the latest this many runs (by when they began), 1 to {@link #MAX_RUNS}; null for a time window
 * @param limit at most this many rows in each list of the report (failovers, workers, quarantines,
 *              flaky tasks and tests); 1 to {@link #MAX_LIMIT}. Counts are always over the whole stretch.
 */
public record FaultQuery(Instant since, Instant until, Integer runs, int limit) {
    public static final int MAX_RUNS = 1_000;
    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_RUNS = 20;
    public static final int DEFAULT_LIMIT = 50;

    public FaultQuery {
        if (runs != null && (since != null || until != null)) {
            throw new IllegalArgumentException("runs: give either a number of runs or a time window (since, until), "
                    + "not both");
        }
        if (runs != null && (runs < 1 || runs > MAX_RUNS)) {
            throw new IllegalArgumentException("runs: " + runs + " is not between 1 and " + MAX_RUNS);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("until: " + until + " is not after since (" + since + ")");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " is not between 1 and " + MAX_LIMIT);
        }
    }

    /** The latest {@code runs} runs, at most {@value #DEFAULT_LIMIT} rows per list. */
    public static FaultQuery latestRuns(int runs) {
        return new FaultQuery(null, null, runs, DEFAULT_LIMIT);
    }

    /** Whether this query covers the latest runs rather than a time window. */
    public boolean byRuns() {
        return runs != null;
    }
}
