package io.dtf.estimates.ignite;

import io.dtf.coordinator.DurationEstimates;
import io.dtf.estimates.HistoryEstimates;
import io.dtf.model.DurationQuery;
import io.dtf.model.DurationSample;
import io.dtf.model.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Duration estimates for the coordinator on a grid node, learned from the aggregator's history: a
 * {@link HistoryEstimates} snapshot loaded at start and then every {@link #REFRESH}, on a daemon thread of
 * its own, never on the coordinator's loop. Lookups answer from the last snapshot (the prior alone until
 * the first load); when the aggregator cannot be reached (none deployed, starting, overloaded) the old
 * snapshot stays and the failure is logged once, with the recovery.
 *
 * <pre>{@code
 * DurationEstimates estimates = AggregatorEstimates.forNode(ignite);   // one per node, shared
 * }</pre>
 */
public final class AggregatorEstimates implements DurationEstimates, AutoCloseable {
    /**
     * How often the snapshot is loaded again, and retried after a failure: history changes by whole runs,
     * and a load costs the aggregator a second or two of reading.
     */
    public static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(AggregatorEstimates.class);
    /** Where a node keeps its one instance, so a coordinator restarted on the node shares it. */
    private static final String NODE_KEY = "dtf.estimates.aggregator";

    private final Supplier<List<DurationSample>> source;
    private final BooleanSupplier stopped;
    private final Duration every;
    private final ScheduledExecutorService timer;
    private volatile HistoryEstimates snapshot = HistoryEstimates.prior();
    /** Whether the last load failed: a lasting outage is logged once, not every refresh. */
    private boolean failing;

    private AggregatorEstimates(Supplier<List<DurationSample>> source, BooleanSupplier stopped, Duration every,
                                String threadName) {
        this.source = source;
        this.stopped = stopped;
        this.every = every;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The estimates of the node {@code ignite}: created and started by the first call, the same instance
     * after that. Its thread ends by itself when the node stops.
     */
    public static AggregatorEstimates forNode(Ignite ignite) {
        return (AggregatorEstimates) ignite.cluster().nodeLocalMap().computeIfAbsent(NODE_KEY, k -> start(
                new AggregatorDurations(ignite, DurationQuery.recent()),
                () -> ignite instanceof IgniteEx node && node.context().isStopping(),
                REFRESH, "dtf-estimates-" + ignite.cluster().localNode().id()));
    }

    /**
     * Stops the estimates of the node {@code ignite}, if it has any, and forgets them: called when the
     * node's coordinator service is cancelled. Its thread would otherwise hold the stopped node until
     * its next refresh, minutes later.
     */
    public static void closeForNode(Ignite ignite) {
        Object estimates = ignite.cluster().nodeLocalMap().remove(NODE_KEY);
        if (estimates instanceof AggregatorEstimates e) {
            e.close();
        }
    }

    /**
     * Loads from {@code source} at once and then every {@code every}, on a daemon thread of its own, until
     * {@link #close()} or until {@code stopped} says so.
     */
    public static AggregatorEstimates start(Supplier<List<DurationSample>> source, BooleanSupplier stopped,
                                            Duration every, String threadName) {
        AggregatorEstimates estimates = new AggregatorEstimates(source, stopped, every, threadName);
        estimates.timer.scheduleWithFixedDelay(estimates::refreshOrStop, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return estimates;
    }

    @Override
    public long expectedMillis(String suite, TaskSpec spec, String hwClass) {
        return snapshot.expectedMillis(suite, spec, hwClass);
    }

    /** The snapshot lookups answer from now. */
    public HistoryEstimates snapshot() {
        return snapshot;
    }

    /**
     * Loads a new snapshot now, on the calling thread; false (the old one kept, the failure logged) when the
     * aggregator did not answer.
     */
    public synchronized boolean refresh() {
        try {
            List<DurationSample> samples = source.get();
            snapshot = HistoryEstimates.of(samples);
            if (failing) {
                LOG.info("task durations load again from the aggregator: {}", snapshot);
            }
            failing = false;
            LOG.debug("task durations loaded: {}", snapshot);
            return true;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("could not load task durations from the aggregator; placing by the last ones known ({}) "
                        + "and trying again every {}: {}", snapshot, every, e.toString());
            }
            failing = true;
            return false;
        }
    }

    private void refreshOrStop() {
        if (stopped.getAsBoolean()) {
            close();
            return;
        }
        refresh();
    }

    /** Whether it has stopped loading (closed, or its node stopped). */
    public boolean isClosed() {
        return timer.isShutdown();
    }

    /** Stops loading; lookups go on answering from the last snapshot. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
