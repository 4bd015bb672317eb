package io.dtf.coordinator.ignite;

import io.dtf.coordinator.GridCapacity;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The grid's capacity for admission, without a round trip to every data node per submission (it
 * was a millisecond of each one-task run, and several at its tail). Data regions fill over seconds:
 * a reading younger than {@link #FRESH_MS} is used as it is; an older one, up to {@link #STALE_MS},
 * is used while a new one is read in the background; with none, or only an older one, the
 * submission waits for a new reading as before.
 */
final class CapacityReadings {
    static final long FRESH_MS = 1_000;
    static final long STALE_MS = 10_000;

    /** One thread for the background readings of every coordinator in this JVM, gone when idle. */
    private static final Executor SHARED = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "dtf-capacity");
                t.setDaemon(true);
                return t;
            });

    private record Reading(Optional<GridCapacity> capacity, long atMs) {
    }

    private final Supplier<Optional<GridCapacity>> read;
    private final Executor background;
    private final LongSupplier clockMs;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Reading last;

    /** Over {@code read}, refreshed in the background on a shared daemon thread. */
    static CapacityReadings of(Supplier<Optional<GridCapacity>> read) {
        return new CapacityReadings(read, SHARED, System::currentTimeMillis);
    }

    /**
     * @param read       reads the data nodes now (blocking)
     * @param background where a reading runs when a submission does not wait for it
     * @param clockMs    milliseconds, for the readings' age
     */
    CapacityReadings(Supplier<Optional<GridCapacity>> read, Executor background, LongSupplier clockMs) {
        this.read = read;
        this.background = background;
        this.clockMs = clockMs;
    }

    Optional<GridCapacity> get() {
        Reading r = last;
        long now = clockMs.getAsLong();
        if (r == null || now - r.atMs() > STALE_MS) {
            return readNow().capacity();
        }
        if (now - r.atMs() > FRESH_MS && refreshing.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    try {
                        readNow();
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (RuntimeException rejected) {
                refreshing.set(false);
                return readNow().capacity();
            }
        }
        return r.capacity();
    }

    private Reading readNow() {
        Reading r = new Reading(read.get(), clockMs.getAsLong());
        last = r;
        return r;
    }
}
