package io.dtf.model;

import java.time.Duration;

/**
 * How a task retries failures that are the machine's, not the test's ({@link FailureCategory#isInfrastructure}).
 * Such a retry goes to another node after an exponential backoff with jitter: the n-th waits a
 * random time between half and all of {@code min(maxBackoff, backoff * 2^(n-1))}.
 *
 * @param infraRetries  further attempts after infrastructure failures, counted apart from {@code retries}
 * @param backoff       the base delay before the first such retry
 * @param maxBackoff    the cap on any one delay
 */
public record RetryPolicy(int infraRetries, Duration backoff, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30));

    public RetryPolicy {
        backoff = backoff == null ? Duration.ofMillis(500) : backoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
    }

    /**
     * The delay before the {@code n}-th (1-based) infrastructure retry, for a uniform random
     * {@code unit} in [0, 1): equal jitter, so retries after one outage spread out but never
     * come sooner than half the backoff.
     */
    public Duration delay(int n, double unit) {
        long base = backoff.toMillis();
        long cap = maxBackoff.toMillis();
        int doublings = Math.max(0, n - 1);
        long full = doublings >= 30 ? cap : Math.min(cap, base << doublings);
        return Duration.ofMillis(full / 2 + (long) (unit * (full - full / 2)));
    }
}
