package io.dtf.results.ignite;

import io.dtf.results.ResultOrigin;
import io.dtf.results.ResultStore;
import io.dtf.security.signing.ReportVerifier;
import io.dtf.wire.CacheNames;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ResultStore} a faithful copy of the results cache (seq -> {@code TaskResult} JSON),
 * on the aggregator node.
 *
 * <h2>How</h2>
 * {@link #start()} registers a continuous query on the cache first, so every result put from then
 * on is delivered; then it catches up on what the store lacks: each gap below the highest stored
 * seq is looked up by key (a result may land below it: numbers come from an
 * {@code IgniteAtomicSequence}, reserved in blocks per writer, so they are unique but neither dense
 * nor put in order), and the cache is scanned for everything above it, one partition at a time on a
 * node whose copy of it is complete and reserved for the scan (see {@code CacheReads#scanAbove}), so
 * partitions moving to or from this node meanwhile are read whole. One writer thread stores what
 * arrives in batches. A result can arrive twice (listener and catch-up); storing is idempotent.
 * After a restart, a new replicator on the same store resumes the same way.
 *
 * <h2>Identity</h2>
 * Seqs are unique only within one grid incarnation: an in-memory grid numbers from 1 again after a
 * restart. So the replicator stores every result under its grid's {@link ResultOrigin} (the id the
 * grid keeps beside its sequence, see {@code GridIdentity}), and all the seq bookkeeping here (gaps,
 * the highest stored, {@link #awaitIngested}) is within that origin. What the store holds from other
 * origins (earlier incarnations, imports) never stands in for a result of this one.
 *
 * <h2>What is guaranteed</h2>
 * <ul>
 *   <li>Every result in the cache reaches the store exactly once (its origin and seq are its
 *       identity), whether it was put while the aggregator ran or while it was down, provided the
 *       cache keeps it (a result is removed only once stored, by {@link ResultRetention}) and its
 *       value is a readable {@code TaskResult} (one that is not, even when read again by key, is
 *       logged as an error and left out).
 *   <li>{@link #awaitIngested}{@code (seq, timeout)} returns true only when every result with a seq at
 *       most {@code seq} that the cache held when the call checked is in the store. It checks the
 *       cache for the seqs the store lacks, so gaps in the numbering cost one look-up each, not a
 *       wait. A result put after that check, under a number already handed out before it, is not
 *       covered (it is still replicated). For the check to see every completed put from any node,
 *       the cache must be {@code FULL_SYNC} (or not read from backups).
 * </ul>
 *
 * <h2>Signatures</h2>
 * A result made from a worker's report carries the worker's signature. Before storing, each result
 * is verified against the node key registry (node id to public key, written by the coordinator,
 * never by workers); one that fails, or lacks a signature it needs when {@link #requireSignatures()}
 * was called, is logged as an error, counted ({@link #refusedCount()}) and left out.
 *
 * <h2>Contract with the caller</h2>
 * The cache must exist (the coordinator creates it; the replicator never does, so it cannot create
 * one with the wrong configuration). The caller owns the store: {@link #close()} stops replication
 * and leaves the store open. The store must not be written by anything else meanwhile.
 *
 * <pre>{@code
 * ResultStore store = DuckDbResultStore.open(Path.of("dtf-results.duckdb"));
 * try (ResultReplicator replicator = new ResultReplicator(ignite, store)) {
 *     replicator.start();
 *     ...
 *     replicator.awaitIngested(lastSeqOfMyRun, Duration.ofSeconds(30));
 * } finally {
 *     store.close();
 * }
 * }</pre>
 */
public final class ResultReplicator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultReplicator.class);
    /** How far above the highest stored seq {@link #awaitIngested} looks keys up itself. */
    private static final long PROBE_AHEAD = 100_000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int CATCH_UP_ATTEMPTS = 3;
    private static final Duration WRITER_DRAIN = Duration.ofSeconds(30);

    private final Ignite ignite;
    private final String cacheName;
    private final ResultStore store;
    private final int queueCapacity;
    // Set once by start(); volatile because awaitIngested and the getters run on other threads.
    private volatile ResultOrigin origin;
    private volatile SeqGaps gaps;
    private volatile CacheReads reads;
    private volatile ResultWriter writer;
    private Thread writerThread;
    private QueryCursor<?> subscription;
    private boolean closed;
    private boolean signaturesRequired;

    /** Replicates {@link CacheNames#RESULTS}. */
    public ResultReplicator(Ignite ignite, ResultStore store) {
        this(ignite, CacheNames.RESULTS, store);
    }

    public ResultReplicator(Ignite ignite, String cacheName, ResultStore store) {
        this(ignite, cacheName, store, ResultWriter.QUEUE_CAPACITY);
    }

    /** With a given queue size: tests use a tiny one to make the listener overflow. */
    ResultReplicator(Ignite ignite, String cacheName, ResultStore store, int queueCapacity) {
        this.ignite = ignite;
        this.cacheName = cacheName;
        this.store = store;
        this.queueCapacity = queueCapacity;
    }

    /**
     * Subscribes to the cache and catches up. Returns once everything the store lacked has been read
     * from the cache (the writer may still be storing it: use {@link #awaitIngested} to wait).
     *
     * @throws IllegalStateException if the cache does not exist or catch-up keeps failing
     */
    public synchronized void start() {
        if (writer != null || closed) {
            throw new IllegalStateException("a replicator starts once");
        }
        IgniteCache<Long, String> cache = ignite.cache(cacheName);
        if (cache == null) {
            throw new IllegalStateException("cache " + cacheName + " does not exist: the coordinator creates it");
        }
        origin = GridIdentity.of(ignite);
        gaps = SeqGaps.around(store.seqRanges(origin));
        reads = new CacheReads(cache, ignite.affinity(cacheName).partitions());
        writer = new ResultWriter(store, origin, gaps, reads, queueCapacity,
                new ReportVerifier(new RegisteredNodeKeys(ignite), signaturesRequired));
        writerThread = new Thread(writer, "dtf-results-writer");
        writerThread.setDaemon(true);
        writerThread.start();
        ContinuousQuery<Long, String> query = new ContinuousQuery<>();
        query.setLocalListener(events -> {
            for (CacheEntryEvent<? extends Long, ? extends String> event : events) {
                // A removal (ResultRetention's, of a result already stored) carries the old value: not news.
                if (event.getValue() != null && event.getEventType() != EventType.REMOVED
                        && event.getEventType() != EventType.EXPIRED) {
                    writer.offer(event.getKey(), event.getValue());
                }
            }
        });
        try {
            subscription = cache.query(query);
            catchUp("catching up", CATCH_UP_ATTEMPTS);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Hands the writer what the store lacks: the gaps below the highest stored seq, and all above it. */
    private void catchUp(String why, int attempts) {
        long floor = gaps.highest();
        long[] gapSeqs = gaps.missing(floor);
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                long found = 0;
                for (Map.Entry<Long, String> entry : reads.present(gapSeqs).entrySet()) {
                    writer.put(entry.getKey(), entry.getValue());
                    found++;
                }
                // A last look (one attempt) must not linger over partitions of a grid that is going away.
                found += reads.scanAbove(floor, writer::put, attempts == 1 ? 1 : CacheReads.PARTITION_ATTEMPTS);
                LOG.info("{}: replicating {} of {} into {} from seq {}, {} results read "
                        + "({} gap seqs looked up, {} ms)",
                        why, cacheName, origin, store, floor, found, gapSeqs.length,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while catching up on " + cacheName, e);
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    throw new IllegalStateException(
                            "cannot catch up on " + cacheName + " after " + attempt + " attempts", e);
                }
                LOG.warn("catching up on {} failed (attempt {} of {}), retrying: {}", cacheName, attempt,
                        attempts, e.toString());
                sleepBeforeRetry(attempt);
            }
        }
    }

    /**
     * Waits until the store holds every result with a seq at most {@code seq} that the cache holds
     * (see the class comment for exactly what is covered), reading back and storing any that are
     * missing.
     *
     * @return true when they are all stored; false if the timeout passed first, or at once if one
     *     of them is in the cache but unreadable
     */
    public boolean awaitIngested(long seq, Duration timeout) throws InterruptedException {
        requireStarted();
        long deadline = System.nanoTime() + timeout.toNanos();
        // Usually the listener is a moment behind the caller: let it deliver before looking anything up.
        writer.awaitProgress(highest -> highest >= seq, Math.min(POLL_NANOS, deadline - System.nanoTime()));
        while (true) {
            if (gaps.missingCount(seq) == 0) {
                return true;
            }
            Boolean verdict = seq - gaps.highest() <= PROBE_AHEAD ? lookUpMissing(seq, deadline) : null;
            if (verdict != null) {
                return verdict;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            writer.awaitProgress(highest -> highest >= seq - PROBE_AHEAD, Math.min(POLL_NANOS, left));
        }
    }

    /**
     * Looks up in the cache the seqs up to {@code seq} that the store lacks and hands the ones found
     * to the writer, waiting (until the deadline) for them to be stored.
     *
     * @return true if none is in the cache, false if only unreadable ones are, null to look again
     */
    private Boolean lookUpMissing(long seq, long deadline) throws InterruptedException {
        Map<Long, String> present;
        try {
            present = reads.present(gaps.missing(seq));
        } catch (RuntimeException e) {
            LOG.debug("cannot look missing results up in {} yet: {}", cacheName, e.toString());
            return null;
        }
        if (present.isEmpty()) {
            return true;
        }
        if (present.keySet().stream().allMatch(writer::isUnreadable)) {
            return false;
        }
        present.forEach(writer::offer);
        long left;
        while (!present.keySet().stream().allMatch(k -> gaps.isStored(k) || writer.isUnreadable(k))
                && (left = deadline - System.nanoTime()) > 0) {
            writer.awaitProgress(highest -> false, Math.min(POLL_NANOS, left));
        }
        return null;
    }

    /**
     * Whether the store holds the result {@code seq}: what {@link ResultRetention} asks before it
     * removes a result from the cache.
     */
    public boolean isStored(long seq) {
        requireStarted();
        return gaps.isStored(seq);
    }

    /** The highest seq stored so far (the store may still lack lower ones: see {@link #awaitIngested}). */
    public long ingestedSeq() {
        requireStarted();
        return gaps.highest();
    }

    /**
     * The origin this replicator stores results under: the grid incarnation it replicates (see
     * {@code ResultOrigin}). Seqs given to and returned by this replicator are seqs within it.
     */
    public ResultOrigin origin() {
        requireStarted();
        return origin;
    }

    /**
     * Requires a worker's signature on every result that needs one (see {@code ReportVerifier}),
     * verified against the node key registry; call before {@link #start()}, on a grid with security
     * on. Without it, results without a signature are stored and a signature present is still checked.
     */
    public synchronized ResultReplicator requireSignatures() {
        if (writer != null) {
            throw new IllegalStateException("requireSignatures() comes before start()");
        }
        signaturesRequired = true;
        return this;
    }

    /** Results left out since {@link #start()} because their signature was refused (each logged as an error). */
    public long refusedCount() {
        requireStarted();
        return writer.refused();
    }

    /** How many results this replicator has newly stored since {@link #start()}. */
    public long ingestedCount() {
        requireStarted();
        return writer.ingested();
    }

    /**
     * Reads once more what the cache holds and the store lacks, then unsubscribes, stores what is
     * queued and stops; the store stays open. The last look matters when the grid goes away with this
     * node (an in-memory grid): a result put a moment ago would otherwise be lost with it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null && subscription != null) {
            try {
                // Once only: when the whole grid stops together, its other nodes are already leaving.
                catchUp("last look before stopping", 1);
            } catch (RuntimeException e) {
                LOG.warn("last look for results missing from {} failed: {}", store, e.toString());
            }
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.debug("continuous query on {} already gone: {}", cacheName, e.toString());
            }
        }
        if (writer != null) {
            writer.stop();
            try {
                writerThread.join(WRITER_DRAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (writerThread.isAlive()) {
                LOG.warn("results writer still busy after {} s; interrupting it", WRITER_DRAIN.toSeconds());
                writerThread.interrupt();
            }
            LOG.info("stopped replicating {} at seq {} ({} results stored by this replicator)", cacheName,
                    gaps.highest(), writer.ingested());
        }
    }

    private void requireStarted() {
        if (writer == null) {
            throw new IllegalStateException("replicator not started");
        }
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while catching up", e);
        }
    }
}
