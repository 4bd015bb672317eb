package io.dtf.benchmark;

import java.time.Instant;

/**
 * Thrown by {@link BenchmarkContext#checkCancelled()} when the running thread was interrupted or
 * the run's deadline passed. Unchecked, so that it passes through code that cannot declare it.
 */
public final class BenchmarkCancelledException extends RuntimeException {
    private final boolean deadlinePassed;

    private BenchmarkCancelledException(String message, boolean deadlinePassed) {
        super(message);
        this.deadlinePassed = deadlinePassed;
    }

    static BenchmarkCancelledException interrupted() {
        return new BenchmarkCancelledException("benchmark interrupted", false);
    }

    static BenchmarkCancelledException deadlinePassed(Instant deadline) {
        return new BenchmarkCancelledException("benchmark deadline " + deadline + " passed", true);
    }

    /** True when the deadline passed, false when the thread was interrupted. */
    public boolean deadlinePassed() {
        return deadlinePassed;
    }
}
