package io.dtf.results.ignite;

import io.dtf.model.TaskResult;
import io.dtf.results.ResultOrigin;
import io.dtf.results.ResultStore;
import io.dtf.security.signing.ReportVerifier;
import io.dtf.wire.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the store: takes cache entries from a bounded queue, decodes them
 * and ingests them in batches (as many as are waiting, up to {@link #MAX_BATCH}).
 *
 * <p>Nothing here blocks an Ignite thread: when the queue is full (by count, or by the JSON it
 * holds), {@link #offer} keeps only the key, and the writer reads the value back from the cache
 * once it has room. A batch the store
 * refuses is retried row by row; rows that still fail are read back and retried later, with a
 * growing pause, so one bad row cannot hold up the rest. A value that is not a readable result
 * is read again by key (a scan or listener may have handed over a copy read mid-move); if that one is
 * not readable either, it is logged as an error and left out: it remains a gap, which
 * {@code awaitIngested} reports. So is a result
 * whose worker's signature does not verify against the node key registry, or that lacks one it needs.
 */
final class ResultWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultWriter.class);
    static final int MAX_BATCH = 2_000;
    static final int QUEUE_CAPACITY = 20_000;
    /**
     * Characters of JSON the queue may hold (about that many bytes): 20,000 results of 64 KiB
     * output would otherwise be over a GiB of heap; past it, only keys are kept and read back.
     */
    static final long MAX_QUEUED_CHARS = 32L << 20;
    private static final long LINGER_MS = 50;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final ResultStore store;
    private final ResultOrigin origin;
    private final SeqGaps gaps;
    private final CacheReads cache;
    private final ReportVerifier verifier;
    private final BlockingQueue<Map.Entry<Long, String>> queue;
    /** Keys whose value must be read back from the cache: overflowed, or not stored yet. */
    private final ConcurrentSkipListSet<Long> refetch = new ConcurrentSkipListSet<>();
    private final Set<Long> unreadable = ConcurrentHashMap.newKeySet();
    private final Set<Long> refused = ConcurrentHashMap.newKeySet();
    private final AtomicLong ingested = new AtomicLong();
    private final AtomicLong queuedChars = new AtomicLong();
    private final Object progress = new Object();
    private volatile long refetchDueNanos = System.nanoTime();
    private volatile Duration retryPause = FIRST_RETRY;
    private volatile boolean stopping;

    ResultWriter(ResultStore store, ResultOrigin origin, SeqGaps gaps, CacheReads cache, int queueCapacity,
                 ReportVerifier verifier) {
        this.verifier = verifier;
        this.store = store;
        this.origin = origin;
        this.gaps = gaps;
        this.cache = cache;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Hands over an entry without blocking (for Ignite's listener threads). */
    void offer(long seq, String json) {
        if (stopping) {
            return;
        }
        if (queuedChars.get() + json.length() > MAX_QUEUED_CHARS || !queue.offer(Map.entry(seq, json))) {
            refetch.add(seq);
        } else {
            queuedChars.addAndGet(json.length());
        }
    }

    /**
     * Hands over an entry, waiting for room (for catch-up, which may find far more than the queue
     * holds); past {@link #MAX_QUEUED_CHARS}, only its key.
     */
    void put(long seq, String json) throws InterruptedException {
        if (stopping) {
            return;
        }
        if (queuedChars.get() + json.length() > MAX_QUEUED_CHARS) {
            refetch.add(seq);
        } else {
            queue.put(Map.entry(seq, json));
            queuedChars.addAndGet(json.length());
        }
    }

    /** Results newly stored by this writer. */
    long ingested() {
        return ingested.get();
    }

    /** Results left out because their signature did not verify (or was missing where one was needed). */
    long refused() {
        return refused.size();
    }

    /** Whether the value under {@code seq} was found unreadable or its signature refused (it will never be stored). */
    boolean isUnreadable(long seq) {
        return unreadable.contains(seq);
    }

    /**
     * Waits until {@code done} holds for the highest stored seq, or the next batch is written, or
     * {@code maxWaitNanos} pass, whichever comes first.
     */
    void awaitProgress(LongPredicate done, long maxWaitNanos) throws InterruptedException {
        synchronized (progress) {
            if (!done.test(gaps.highest()) && maxWaitNanos > 0) {
                TimeUnit.NANOSECONDS.timedWait(progress, maxWaitNanos);
            }
        }
    }

    /** Stops taking entries; the thread writes what is queued, then ends. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        List<Map.Entry<Long, String>> batch = new ArrayList<>(MAX_BATCH);
        // The entries of the batch that were read by key (by identity: the same seq may also be queued).
        Set<Map.Entry<Long, String>> readByKey = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            while (true) {
                BatchGathering.take(queue, batch, MAX_BATCH, LINGER_MS, stopping ? Duration.ZERO : BatchGathering.WINDOW);
                queuedChars.addAndGet(-batch.stream().mapToLong(e -> e.getValue().length()).sum());
                if (batch.size() < MAX_BATCH && !stopping) {
                    readBack(batch, readByKey);
                }
                if (batch.isEmpty()) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                write(batch, readByKey);
                batch.clear();
                readByKey.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("results writer stopped: results are no longer replicated into {}", store, e);
        }
    }

    private void readBack(List<Map.Entry<Long, String>> batch, Set<Map.Entry<Long, String>> readByKey) {
        if (refetch.isEmpty() || System.nanoTime() < refetchDueNanos) {
            return;
        }
        List<Long> keys = new ArrayList<>();
        for (Long seq; keys.size() < MAX_BATCH - batch.size() && (seq = refetch.pollFirst()) != null; ) {
            keys.add(seq);
        }
        try {
            Map<Long, String> present = cache.present(keys.stream().mapToLong(Long::longValue).toArray());
            present.forEach((seq, json) -> {
                Map.Entry<Long, String> entry = Map.entry(seq, json);
                batch.add(entry);
                readByKey.add(entry);
            });
            keys.removeAll(present.keySet());
            if (!keys.isEmpty()) {
                // The listener hears of a put from the primary before this node's backup copy has it:
                // the cache is append-only, so the value will be there in a moment.
                refetch.addAll(keys);
                long soon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
                refetchDueNanos = Math.max(refetchDueNanos, soon);
                LOG.debug("{} results not readable here yet (first seq {}); reading them again shortly",
                        keys.size(), keys.get(0));
            }
        } catch (RuntimeException e) {
            refetch.addAll(keys);
            pauseRetries("cannot read " + keys.size() + " results back from the cache: " + e);
        }
    }

    private void write(List<Map.Entry<Long, String>> batch, Set<Map.Entry<Long, String>> readByKey) {
        // Every decoded entry goes to the store, which skips exact copies (listener and catch-up both
        // deliver) and keeps, with an alert, a different result under a seq it already holds.
        List<TaskResult> results = new ArrayList<>(batch.size());
        for (Map.Entry<Long, String> entry : batch) {
            TaskResult result = decode(entry.getKey(), entry.getValue(), readByKey.contains(entry));
            if (result != null && verified(result)) {
                results.add(result);
            }
        }
        try {
            stored(results, store.ingest(origin, results));
            retryPause = FIRST_RETRY;
        } catch (RuntimeException batchFailure) {
            List<Long> failed = new ArrayList<>();
            RuntimeException firstFailure = batchFailure;
            for (TaskResult result : results.size() > 1 ? results : List.<TaskResult>of()) {
                try {
                    stored(List.of(result), store.ingest(origin, List.of(result)));
                } catch (RuntimeException e) {
                    failed.add(result.seq());
                    firstFailure = e;
                }
            }
            if (results.size() == 1) {
                failed.add(results.get(0).seq());
            }
            if (!failed.isEmpty()) {
                refetch.addAll(failed);
                pauseRetries(failed.size() + " of " + results.size() + " results could not be stored (first seq "
                        + failed.get(0) + "): " + firstFailure);
            }
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void stored(Collection<TaskResult> results, int newlyStored) {
        ingested.addAndGet(newlyStored);
        results.forEach(result -> gaps.stored(result.seq()));
    }

    /**
     * The result under {@code seq}, or null. A value that does not decode is only final when it was read
     * by key: a scan can hand over a copy read while its partition moved, so such a value is read
     * back by key (from the partition's primary) and judged on that.
     */
    private TaskResult decode(long seq, String json, boolean readByKey) {
        String why;
        try {
            TaskResult result = Json.read(json, TaskResult.class);
            if (result.seq() == seq) {
                return result;
            }
            why = "it holds a result numbered " + result.seq();
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        if (readByKey) {
            failedToRead(seq, why);
        } else if (!unreadable.contains(seq)) {
            LOG.warn("result seq {} as delivered is not a readable result; reading it again by key: {}", seq, why);
            refetch.add(seq);
        }
        return null;
    }

    /**
     * Whether the result's signature holds (or it needs none). A refused result is logged once and
     * left out for good; one that cannot be checked now (the node key registry unreachable) is
     * read back and checked again later.
     */
    private boolean verified(TaskResult result) {
        Optional<String> refusal;
        try {
            refusal = verifier.refusal(result);
        } catch (RuntimeException e) {
            refetch.add(result.seq());
            pauseRetries("cannot check the signature of result seq " + result.seq() + " now: " + e);
            return false;
        }
        if (refusal.isEmpty()) {
            return true;
        }
        if (refused.add(result.seq())) {
            LOG.error("result seq {} (run {}, task {}, node {}) is left out of the store: its signature is refused: {}",
                    result.seq(), result.runId(), result.taskId(), result.nodeId(), refusal.get());
        }
        unreadable.add(result.seq());
        return false;
    }

    private void failedToRead(long seq, String why) {
        if (unreadable.add(seq)) {
            LOG.error("result seq {} in the cache is not a readable result and is left out of the store: {}", seq, why);
        }
    }

    private void pauseRetries(String why) {
        Duration pause = retryPause;
        refetchDueNanos = System.nanoTime() + pause.toNanos();
        retryPause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
        LOG.error("{}; retrying in {} s", why, pause.toSeconds());
    }
}
