package io.dtf.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * How {@link DtfClient#await} waits between two reads of a run: until the coordinator says the run
 * changed ({@link CoordinatorApi#awaitChange}), so a result is seen as soon as it is stored. Polling
 * stays as the fallback: a wait ends after {@link #WAIT} even if no word came (a lost one costs no
 * more than that), and when the coordinator answers without waiting (it serves too many followers,
 * or it has stopped) or the call fails (a grid without it), the client waits {@code poll} as before;
 * after {@value #FAILURES_BEFORE_POLLING} failures in a row it polls, and tries the call again every
 * {@value #RETRY_AFTER_POLLS} polls (a coordinator that took over may answer it). A run that changes
 * all the time is read at most {@value #BURST} times per {@value #BURST} polls: no more often than
 * before, on average.
 *
 * <p>Not thread-safe: one per {@code await} call.
 */
final class ChangeWaiter {
    /** The longest wait for a word before the run is read anyway. */
    static final Duration WAIT = Duration.ofSeconds(1);
    private static final int BURST = 3;
    private static final int FAILURES_BEFORE_POLLING = 3;
    private static final int RETRY_AFTER_POLLS = 10;

    private final CoordinatorApi api;
    private final String runId;
    private final long pollMs;
    /** The change number read before the last read of the run; -1 until one was read. */
    private long known = -1;
    private int failures;
    /** Polls since the call last failed too often. */
    private int polls;
    /** When the last {@value #BURST} reads were let go (nanoTime), oldest at {@code next}. */
    private final long[] reads = new long[BURST];
    private int next;

    ChangeWaiter(CoordinatorApi api, String runId, Duration poll) {
        this.api = api;
        this.runId = runId;
        this.pollMs = poll.toMillis();
        Arrays.fill(reads, Long.MIN_VALUE);
    }

    /** Before the first read of the run: notes its change number, so no later change goes unheard. */
    void start() {
        try {
            known = api.awaitChange(runId, -1, 0);
            failures = 0;
        } catch (RuntimeException e) {
            failures++;
        }
    }

    /** Returns when the run should be read again: it changed, a wait ended without word, or a poll passed. */
    void await(Instant deadline) throws InterruptedException {
        long began = System.nanoTime();
        if (failures < FAILURES_BEFORE_POLLING || ++polls % RETRY_AFTER_POLLS == 0) {
            long wait = Math.max(1, Math.min(WAIT.toMillis(), Duration.between(Instant.now(), deadline).toMillis()));
            try {
                long answer = api.awaitChange(runId, known, wait);
                failures = 0;
                boolean changed = answer > known;
                known = answer;
                if (changed || millisSince(began) >= wait) {
                    pace();
                    return;
                }
            } catch (RuntimeException e) {
                failures++; // the read that follows meets the same trouble and says what it is
            }
        }
        Thread.sleep(Math.max(0, pollMs - millisSince(began)));
        pace();
    }

    /** Lets a read go at once unless the last {@value #BURST} went within {@value #BURST} polls. */
    private void pace() throws InterruptedException {
        long oldest = reads[next];
        if (oldest != Long.MIN_VALUE) {
            long due = oldest + BURST * pollMs * 1_000_000;
            long early = due - System.nanoTime();
            if (early > 0) {
                Thread.sleep(early / 1_000_000, (int) (early % 1_000_000));
            }
        }
        reads[next] = System.nanoTime();
        next = (next + 1) % BURST;
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
