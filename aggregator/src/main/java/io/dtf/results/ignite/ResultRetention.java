package io.dtf.results.ignite;

import io.dtf.wire.CacheNames;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes results from the results cache once DuckDB holds them and a retention has passed, so that
 * the cache holds what the grid made in the last {@code retention}, not everything it ever made.
 *
 * <h2>The rule</h2>
 * A result leaves the cache when the {@link ResultReplicator} says the store holds it <em>and</em> it
 * has been stored for at least {@code retention}. The cache stays the system of record for anything
 * not yet replicated: a result the store lacks (aggregator behind, value unreadable) is never
 * removed, however old. Why a time and not "its run ended": one run of 100,000 tasks would otherwise
 * keep all its output in memory until its end, which is the failure this class exists to prevent.
 *
 * <h2>What a client following a run sees</h2>
 * The coordinator serves a run's results from the cache ({@code DtfClient.await} pages through
 * them every 100 ms), and a result is in the cache before it is replicated, so a client that keeps
 * up reads every result long before the retention ends. A client that falls behind by more than the
 * retention (disconnected for minutes) no longer gets the oldest results from the coordinator; they
 * are in DuckDB ({@code dtf results}). Set the retention above the longest pause a client may take.
 *
 * <h2>How</h2>
 * Every sweep notes the highest seq stored so far with the time; seqs at or below a note at least
 * {@code retention} old were stored that long ago (numbers are handed out in increasing order per
 * coordinator, and a new coordinator starts above its predecessor). Each such seq is removed if the
 * store holds it; one it lacks is kept and looked at again each sweep while the cache holds it (a
 * number never used, a gap of the sequence, is not in the cache and is forgotten).
 *
 * <pre>{@code
 * ResultRetention retention = new ResultRetention(ignite, replicator, Duration.ofMinutes(1));
 * retention.start();   // sweeps on its own thread until close()
 * }</pre>
 */
public final class ResultRetention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultRetention.class);
    /** Keys per removeAll: one round trip per data node each. */
    private static final int CHUNK = 1_000;
    /** Seqs one sweep looks at, so that a first sweep after a restart does not hold the thread for long. */
    private static final int SWEEP_BUDGET = 200_000;
    private static final Duration MIN_PERIOD = Duration.ofMillis(200);
    private static final Duration MAX_PERIOD = Duration.ofSeconds(5);

    private record Mark(long nanos, long seq) {
    }

    private final IgniteCache<Long, String> cache;
    private final LongPredicate stored;
    private final LongSupplier highestStored;
    private final long retentionNanos;
    private final Duration period;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    /** Seqs past the retention that the store lacks while the cache holds them. */
    private final TreeSet<Long> held = new TreeSet<>();
    private final AtomicLong removed = new AtomicLong();
    private long sweptUpTo;
    private ScheduledExecutorService timer;

    /** Retires results of {@link CacheNames#RESULTS} that {@code replicator} has stored. */
    public ResultRetention(Ignite ignite, ResultReplicator replicator, Duration retention) {
        this(ignite.cache(CacheNames.RESULTS), replicator::isStored, replicator::ingestedSeq, retention);
    }

    ResultRetention(IgniteCache<Long, String> cache, LongPredicate stored, LongSupplier highestStored,
                    Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, got " + retention);
        }
        this.cache = cache;
        this.stored = stored;
        this.highestStored = highestStored;
        this.retentionNanos = retention.toNanos();
        Duration tenth = retention.dividedBy(10);
        this.period = tenth.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : tenth.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : tenth;
    }

    /** Sweeps every {@code retention / 10} (between 0.2 and 5 s) on a daemon thread until {@link #close()}. */
    public synchronized void start() {
        if (timer != null) {
            throw new IllegalStateException("retention starts once");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dtf-result-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep(System.nanoTime());
            } catch (RuntimeException e) {
                // The data nodes may be restarting: nothing is lost by trying again next time.
                LOG.warn("removing replicated results from the cache failed; retrying: {}", e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("results leave the cache {} s after they reach DuckDB", TimeUnit.NANOSECONDS.toSeconds(retentionNanos));
    }

    /** How many stored results this instance removed from the cache (or found gone already, after a restart). */
    public long removed() {
        return removed.get();
    }

    /** One pass at time {@code nowNanos} (a {@link System#nanoTime()} reading); returns how many it removed. */
    synchronized int sweep(long nowNanos) {
        marks.addLast(new Mark(nowNanos, highestStored.getAsLong()));
        long cutoff = sweptUpTo;
        while (!marks.isEmpty() && nowNanos - marks.peekFirst().nanos() >= retentionNanos) {
            cutoff = Math.max(cutoff, marks.pollFirst().seq());
        }
        TreeSet<Long> retire = new TreeSet<>();
        for (Iterator<Long> it = held.iterator(); it.hasNext(); ) {
            long seq = it.next();
            if (stored.test(seq)) {
                retire.add(seq);
                it.remove();
            } else if (!cache.containsKey(seq)) {
                it.remove();
            }
        }
        long upTo = Math.min(cutoff, sweptUpTo + SWEEP_BUDGET);
        for (long seq = sweptUpTo + 1; seq <= upTo; seq++) {
            if (stored.test(seq)) {
                retire.add(seq);
            } else if (cache.containsKey(seq)) {
                held.add(seq);
            }
        }
        sweptUpTo = upTo;
        if (upTo < cutoff) {
            marks.addFirst(new Mark(nowNanos - retentionNanos, cutoff)); // the rest is due already
        }
        List<Long> chunk = new ArrayList<>(CHUNK);
        for (Long seq : retire) {
            chunk.add(seq);
            if (chunk.size() == CHUNK) {
                cache.removeAll(new TreeSet<>(chunk));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            cache.removeAll(new TreeSet<>(chunk));
        }
        removed.addAndGet(retire.size());
        if (!held.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debug("{} results past the retention stay in the cache until DuckDB has them (first seq {})",
                    held.size(), held.first());
        }
        return retire.size();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
