package io.dtf.model;

/**
 * What the coordinator asks of the aggregator's history to learn task durations: per suite, task and
 * hardware class, the median of the latest passing attempts. The answer is a list of
 * {@link DurationSample}, the most recently run keys first.
 *
 * @param suite  only this suite's tasks; null for every suite
 * @param runs   only attempts of each suite's latest this many runs (what bounds the work: a long history
 *               costs no more than a short one); 1 to {@link #MAX_RUNS}
 * @param latest how many of each key's latest passing attempts the median is taken over; 1 to {@link #MAX_LATEST}
 * @param limit  at most this many keys (suite, task, hardware class); 1 to {@link #MAX_LIMIT}
 */
public record DurationQuery(String suite, int runs, int latest, int limit) {
    public static final int MAX_RUNS = 1_000;
    public static final int MAX_LATEST = 100;
    public static final int MAX_LIMIT = 100_000;
    public static final int DEFAULT_RUNS = 20;
    public static final int DEFAULT_LATEST = 10;
    public static final int DEFAULT_LIMIT = 20_000;

    public DurationQuery {
        if (suite != null && suite.isBlank()) {
            throw new IllegalArgumentException("suite: blank; give a suite's name, or none for every suite");
        }
        if (runs < 1 || runs > MAX_RUNS) {
            throw new IllegalArgumentException("runs: " + runs + " is not between 1 and " + MAX_RUNS);
        }
        if (latest < 1 || latest > MAX_LATEST) {
            throw new IllegalArgumentException("latest: " + latest + " is not between 1 and " + MAX_LATEST);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " is not between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * Every suite's latest {@value #DEFAULT_RUNS} runs, each key's last {@value #DEFAULT_LATEST} passing attempts
     * there, at most {@value #DEFAULT_LIMIT} keys.
     */
    public static DurationQuery recent() {
        return new DurationQuery(null, DEFAULT_RUNS, DEFAULT_LATEST, DEFAULT_LIMIT);
    }
}
