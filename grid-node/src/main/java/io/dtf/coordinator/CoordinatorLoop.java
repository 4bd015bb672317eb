package io.dtf.coordinator;

import io.dtf.client.CoordinatorApi;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's event loop and its fence. One thread owns all state: events from other threads
 * (replies, API calls) go through the inbox and run on it. The epoch claimed at start fences this
 * coordinator: once the store holds a newer one, it stops and writes nothing more.
 */
final class CoordinatorLoop {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorLoop.class);
    /** Events run per turn at most, so a flood of replies cannot starve scheduling. */
    private static final int EVENTS_PER_TURN = 10_000;

    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final CoordinatorStore store;
    private final CoordinatorSettings settings;
    private final InstantSource clock;
    private long epoch;
    private long fenceCheckedAt = Long.MIN_VALUE / 2;
    /** The thread that started this coordinator and steps it; queries asked on it are answered at once. */
    private volatile Thread loopThread;
    private volatile boolean stopped;
    private volatile boolean fenced;

    CoordinatorLoop(CoordinatorStore store, CoordinatorSettings settings, InstantSource clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Makes the calling thread the loop's and claims a newer epoch than any before. */
    long claim() {
        loopThread = Thread.currentThread();
        epoch = store.claimEpoch();
        LOG.info("coordinator epoch {} starting on this node", epoch);
        return epoch;
    }

    long epoch() {
        return epoch;
    }

    /** Whether a newer coordinator took over: replies reaching this one go to it. */
    boolean fenced() {
        return fenced;
    }

    void post(Runnable event) {
        inbox.add(event);
    }

    /** Runs the events that arrived. */
    void drain() {
        Runnable event;
        for (int i = 0; i < EVENTS_PER_TURN && (event = inbox.poll()) != null; i++) {
            event.run();
        }
    }

    /**
     * Runs {@code start}, then {@code step} at the clock's time after each event or idle tick,
     * until {@link #stop()} or until {@code step} answers false (overtaken).
     */
    void run(Runnable start, Predicate<Instant> step) {
        start.run();
        while (!stopped) {
            try {
                Runnable event = inbox.poll(settings.idleTick().toMillis(), TimeUnit.MILLISECONDS);
                if (event != null) {
                    event.run();
                }
                if (!step.test(clock.instant())) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A store outage (data nodes restarting) must not kill the loop: dirty state stays and is retried.
                LOG.warn("coordinator loop turn failed; retrying", e);
                sleepQuietly(settings.idleTick().toMillis());
            }
        }
    }

    void stop() {
        stopped = true;
        inbox.add(() -> { });
    }

    /** Whether a newer coordinator took over; checked now and then, since it costs a round trip. */
    boolean overtaken(Instant now) {
        long ms = now.toEpochMilli();
        if (ms - fenceCheckedAt < settings.fenceCheck().toMillis()) {
            return false;
        }
        fenceCheckedAt = ms;
        long current = store.currentEpoch();
        if (current == epoch) {
            return false;
        }
        fenced = true;
        LOG.warn("coordinator epoch {} was overtaken by epoch {}: stopping; replies still arriving go to the new one",
                epoch, current);
        inbox.clear();
        return true;
    }

    /**
     * Runs {@code query} on the loop, after {@code settle} (which stores every write so far), and
     * waits for its answer; on the loop thread itself (a simulation stepping it) it answers at once.
     * When this coordinator stops before the loop took the query up, the query is withdrawn, so the
     * caller's "moving; try again" is true: nothing was done, and the next instance cannot do it twice.
     */
    <T> T ask(Supplier<T> query, Runnable settle) {
        if (Thread.currentThread() == loopThread) {
            settle.run();
            return query.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        AtomicBoolean taken = new AtomicBoolean();
        inbox.add(() -> {
            if (!taken.compareAndSet(false, true)) {
                return; // withdrawn by the caller
            }
            try {
                settle.run();
                answer.complete(query.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        long tick = settings.idleTick().toMillis();
        // Counted in waits rather than read from a clock: a simulated clock may stand still meanwhile.
        long waits = Math.max(1, settings.answerWait().toMillis() / Math.max(1, tick));
        try {
            for (long i = 0; ; i++) {
                try {
                    return answer.get(tick, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if ((stopped || fenced) && taken.compareAndSet(false, true)) {
                        throw new IllegalStateException(CoordinatorApi.MOVING);
                    }
                    if (i >= waits) {
                        throw notYet;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the coordinator", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("coordinator failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("coordinator did not answer within " + settings.answerWait().toSeconds()
                    + " s", e);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
