package io.dtf.audit.ignite;

import io.dtf.audit.AuditLog;
import io.dtf.model.AuditEvent;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import io.dtf.wire.SafeText;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicSequence;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.AtomicConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's {@link AuditLog} in the grid: each event goes to the audit cache on the data nodes
 * ({@link CacheNames#AUDIT}) under a cluster-wide sequence number, from where the aggregator copies it
 * into DuckDB; and to the node's own log (logger {@code dtf.audit}, one escaped line).
 *
 * <p>Recording never fails nor slows the action it records: {@link #record} only queues the event,
 * and one daemon thread numbers queued events and writes them in batches. While the cache cannot be
 * written (the node still starting, data nodes restarting) that thread keeps its batch and tries again;
 * past {@value #QUEUE_CAPACITY} waiting events, new ones reach the node's log only and are counted
 * ({@link #dropped()}). The thread ends when the node stops; {@link #close()} first writes what waits.
 *
 * <p>Get a node's instance with {@link AuditLogs#forNode}, not the constructor.
 */
public final class CacheAuditLog implements AuditLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CacheAuditLog.class);
    private static final Logger AUDIT = LoggerFactory.getLogger("dtf.audit");
    static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH = 500;
    private static final long IDLE_POLL_MS = 200;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private record Numbered(long seq, String json) {
    }

    /** Put by {@link #close()} to wake the writer at once; never written. */
    private static final AuditEvent WAKE_UP = new AuditEvent(null, "", null, null, false, null);

    private final Ignite ignite;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread writer;
    private volatile String nodeId;
    private volatile boolean closing;

    /** Starts the writer thread; the node may still be starting (events wait until its caches exist). */
    public CacheAuditLog(Ignite ignite) {
        this.ignite = ignite;
        this.writer = new Thread(this::writeLoop, "dtf-audit-writer" + (ignite.name() == null ? "" : "-" + ignite.name()));
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues {@code event} for the grid and writes it to the node's log; an event with no node gets this
     * node's id. Never throws, never waits.
     */
    @Override
    public void record(AuditEvent event) {
        try {
            AuditEvent e = (event.node() == null ? withNode(event) : event).bounded();
            AUDIT.info("{} {} by {}{}: {}", SafeText.line(e.action()), e.allowed() ? "allowed" : "refused",
                    SafeText.line(e.subject()), e.node() == null ? "" : " on " + SafeText.line(e.node()),
                    SafeText.abbreviated(e.detail(), 500));
            if (closing || !queue.offer(e)) {
                long n = dropped.incrementAndGet();
                if (n == 1 || n % 1_000 == 0) {
                    LOG.warn("{} audit events could not be queued for the grid ({}); they are in this node's log only",
                            n, closing ? "the node is stopping" : QUEUE_CAPACITY + " already wait");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not record an audit event", e);
        }
    }

    /** Events written to the grid's audit cache so far. */
    public long written() {
        return written.get();
    }

    /** Events that reached this node's log only (queue full, or recorded while the node stopped). */
    public long dropped() {
        return dropped.get();
    }

    /** Failed attempts to write a batch to the cache (each batch is tried again until it is written). */
    public long failures() {
        return failures.get();
    }

    /** Whether this log writes through {@code node} (a node restarted under the same name is another). */
    boolean belongsTo(Ignite node) {
        return ignite == node;
    }

    /** Writes what waits, if the grid takes it (waiting a few seconds at most), then stops the thread. */
    @Override
    public void close() {
        closing = true;
        queue.offer(WAKE_UP);
        try {
            writer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = (int) queue.stream().filter(e -> e != WAKE_UP).count();
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.warn("{} audit events were not written to the grid before the node stopped; they are in its log", left);
        }
    }

    private AuditEvent withNode(AuditEvent e) {
        String id = nodeId;
        if (id == null) {
            try {
                id = ignite.cluster().localNode().id().toString();
                nodeId = id;
            } catch (RuntimeException starting) {
                return e; // before the node has an id: leave it out rather than wait
            }
        }
        return new AuditEvent(e.at(), e.action(), e.subject(), id, e.allowed(), e.detail());
    }

    private void writeLoop() {
        List<Numbered> batch = new ArrayList<>(BATCH);
        ArrayDeque<AuditEvent> taken = new ArrayDeque<>(BATCH);
        IgniteAtomicSequence sequence = null;
        IgniteCache<Long, String> cache = null;
        Duration pause = FIRST_RETRY;
        boolean seenStarted = false;
        while (true) {
            try {
                if (batch.isEmpty() && taken.isEmpty()) {
                    AuditEvent first = closing ? queue.poll() : queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        seenStarted |= alive();
                        if (closing || seenStarted && !alive()) {
                            return;
                        }
                        continue;
                    }
                    taken.add(first);
                    queue.drainTo(taken, BATCH - 1);
                    taken.removeIf(e -> e == WAKE_UP);
                    if (taken.isEmpty()) {
                        continue;
                    }
                }
                if (cache == null) {
                    cache = ignite.cache(CacheNames.AUDIT);
                    if (cache == null) {
                        throw new IllegalStateException("the audit cache does not exist yet");
                    }
                    sequence = ignite.atomicSequence(CacheNames.AUDIT_SEQUENCE,
                            new AtomicConfiguration().setBackups(1).setAtomicSequenceReserveSize(100), 0, true);
                }
                // Numbered once: a batch tried again goes under the same seqs, so a put that did land is not doubled.
                while (!taken.isEmpty()) {
                    batch.add(new Numbered(sequence.incrementAndGet(), Json.write(taken.peekFirst())));
                    taken.pollFirst();
                }
                Map<Long, String> sorted = new TreeMap<>();
                batch.forEach(n -> sorted.put(n.seq(), n.json()));
                cache.putAll(sorted);
                written.addAndGet(batch.size());
                batch.clear();
                pause = FIRST_RETRY;
            } catch (InterruptedException e) {
                if (!closing) {
                    return;
                }
            } catch (RuntimeException e) {
                seenStarted |= alive();
                if (closing || seenStarted && !alive()) {
                    int lost = batch.size() + taken.size();
                    dropped.addAndGet(lost);
                    LOG.warn("{} audit events were not written to the grid before the node stopped; they are in its log",
                            lost);
                    return;
                }
                if (failures.incrementAndGet() % 20 == 1) {
                    LOG.warn("cannot write {} audit events to the grid yet, trying again: {}",
                            batch.size() + taken.size(), e.toString());
                }
                cache = null;
                try {
                    pauseUnlessClosing(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
            }
        }
    }

    /** Waits {@code pause}, or less when {@link #close()} is called meanwhile. */
    private void pauseUnlessClosing(Duration pause) throws InterruptedException {
        long until = System.nanoTime() + pause.toNanos();
        while (!closing && System.nanoTime() < until) {
            Thread.sleep(Math.min(IDLE_POLL_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
        }
    }

    /** Whether this log's node is up (the same instance, not one restarted under its name). */
    private boolean alive() {
        try {
            return Ignition.state(ignite.name()) == IgniteState.STARTED && Ignition.ignite(ignite.name()) == ignite;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
