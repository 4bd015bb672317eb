package io.dtf.bench.grid;

import io.dtf.bench.chaos.RestartableNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Workers leaving and joining every few seconds: events alternate between a leave (alternately a
 * graceful stop, SIGTERM, and a SIGKILL, of a random worker that is up, as long as more than
 * {@code minUp} are) and a join (the worker down longest is started again, on its ports). Starts
 * and graceful stops run in the background, so the events keep their pace however long a JVM
 * takes to start on a busy machine. Afterwards {@link #rejoinAll} starts every worker left down.
 */
final class Churn implements AutoCloseable {
    /** One thing done to a worker, {@code at} seconds into the churn. */
    record Event(double at, String what, String worker) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%5.1f s %-8s %s", at, what, worker);
        }
    }

    /** A restarted worker's JVM from its start to "up": seconds of wall clock and of CPU (all its threads). */
    record Start(double seconds, double cpuSeconds) {
    }

    private final List<RestartableNode> workers;
    private final Duration every;
    private final int minUp;
    private final Random random;
    private final ExecutorService background = Executors.newCachedThreadPool();
    private final Set<RestartableNode> changing = ConcurrentHashMap.newKeySet();
    private final List<RestartableNode> downSince = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Start> starts = new ConcurrentLinkedQueue<>();
    /** Set by {@link #rejoinAll}: a leave that ends then starts its worker again at once. Guarded by downSince. */
    private boolean rejoining;
    private Instant started;

    Churn(List<RestartableNode> workers, Duration every, int minUp, long seed) {
        this.workers = List.copyOf(workers);
        this.every = every;
        this.minUp = minUp;
        this.random = new Random(seed);
    }

    /** Runs events every {@code every} until {@code until}; returns then (the last starts may still be under way). */
    void run(Instant until) throws InterruptedException {
        started = Instant.now();
        int leaves = 0;
        for (int i = 0; Instant.now().plus(every).isBefore(until) || i == 0; i++) {
            Thread.sleep(every.toMillis());
            if (i % 2 == 0) {
                leave(leaves++ % 2 == 0);
            } else {
                join();
            }
        }
    }

    private void leave(boolean kill) {
        List<RestartableNode> up = workers.stream().filter(w -> w.isUp() && !changing.contains(w)).toList();
        if (up.size() <= minUp) {
            events.add(new Event(seconds(), "skip", "(only " + up.size() + " workers up)"));
            return;
        }
        RestartableNode w = up.get(random.nextInt(up.size()));
        changing.add(w);
        events.add(new Event(seconds(), kill ? "kill -9" : "stop", w.name()));
        background.submit(() -> {
            try {
                if (kill) {
                    w.kill();
                } else {
                    w.stop();
                }
                boolean now;
                synchronized (downSince) {
                    now = rejoining;
                    if (!now) {
                        downSince.add(w);
                    }
                }
                if (now) {
                    startAgain(w, "rejoin");
                }
            } catch (Exception e) {
                failures.add(w.name() + ": " + e);
            } finally {
                changing.remove(w);
            }
            return null;
        });
    }

    private void join() {
        RestartableNode w;
        synchronized (downSince) {
            if (downSince.isEmpty()) {
                events.add(new Event(seconds(), "skip", "(no worker down)"));
                return;
            }
            w = downSince.remove(0);
        }
        changing.add(w);
        background.submit(() -> startAgain(w, "start"));
    }

    /**
     * Once the churn is over: starts again, all at once, every worker that is down, and each one still
     * leaving as soon as it has left (event "rejoin"; {@link #close} waits for them).
     */
    void rejoinAll() {
        List<RestartableNode> down;
        synchronized (downSince) {
            rejoining = true;
            down = List.copyOf(downSince);
            downSince.clear();
        }
        for (RestartableNode w : down) {
            changing.add(w);
            background.submit(() -> startAgain(w, "rejoin"));
        }
    }

    /** Starts {@code w} again (it is in {@code changing}), recorded as event {@code what} and, once up, "up". */
    private Void startAgain(RestartableNode w, String what) {
        double at = seconds();
        events.add(new Event(at, what, w.name()));
        try {
            w.start();
            Start s = new Start(seconds() - at, w.cpuToUp().toMillis() / 1000.0);
            starts.add(s);
            events.add(new Event(seconds(), "up", w.name() + String.format(Locale.ROOT,
                    " (%.1f s after its start, %.1f s of CPU)", s.seconds(), s.cpuSeconds())));
        } catch (Exception e) {
            failures.add(w.name() + ": " + e);
        } finally {
            changing.remove(w);
        }
        return null;
    }

    private double seconds() {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }

    List<Event> events() {
        return events.stream().sorted(Comparator.comparingDouble(Event::at)).toList();
    }

    /** The restarts that reached "up", in the order they did. */
    List<Start> starts() {
        return List.copyOf(starts);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Waits for the starts and stops under way. */
    @Override
    public void close() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(3, TimeUnit.MINUTES);
    }
}
