package io.dtf.coordinator;

import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's store in memory: for simulations, and for tests of its logic without a grid. It
 * behaves as the cache store does (the contract test runs against both): instants kept to the
 * millisecond, a task's spec kept from its first save, results and quarantine as given.
 */
public final class InMemoryCoordinatorStore implements CoordinatorStore {
    final Map<String, RunRecord> runs = new ConcurrentHashMap<>();
    final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();
    final ConcurrentSkipListMap<Long, TaskResult> results = new ConcurrentSkipListMap<>();
    private final AtomicLong seq = new AtomicLong();
    final AtomicLong epoch = new AtomicLong();
    volatile List<Quarantine.Entry> quarantine = List.of();
    final Set<String> removedCheckpoints = ConcurrentHashMap.newKeySet();
    /** Writes of results that fail before one succeeds, as when data nodes restart. */
    final AtomicInteger failingResultWrites = new AtomicInteger();
    /**
     * How long a write of results takes before it lands, as a remote write does: long enough for a reader to see
     * what a batch wrote before its results, were {@link #saveAll} ever to write them out of order.
     */
    volatile long resultWriteMillis;

    @Override
    public void saveRuns(Collection<RunRecord> records) {
        records.forEach(r -> runs.put(r.runId(), new RunRecord(r.runId(), r.suite(), millis(r.submittedAt()),
                r.total(), millis(r.endedAt()), r.cancellation(), r.owner())));
    }

    @Override
    public void saveTasks(Collection<TaskRecord> records) {
        records.forEach(t -> tasks.merge(t.key(), stored(t, t.spec()), (old, now) -> stored(t, old.spec())));
    }

    /** {@code t} as stored: with the spec of the task's first save (a spec never changes), instants to the milli. */
    private static TaskRecord stored(TaskRecord t, TaskSpec spec) {
        return new TaskRecord(t.runId(), t.suite(), t.order(), spec, t.state(), t.attempts(), t.nodeId(), t.hwClass(),
                millis(t.updatedAt()), t.attemptId(), t.retry());
    }

    /** The SQL rows of the cache store keep instants as epoch milliseconds. */
    private static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void saveResults(Collection<TaskResult> records) {
        if (failingResultWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("data nodes unavailable");
        }
        if (resultWriteMillis > 0) {
            try {
                Thread.sleep(resultWriteMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing results", e);
            }
        }
        records.forEach(r -> results.put(r.seq(), r));
    }

    @Override
    public long nextSeq() {
        return seq.addAndGet(3); // not dense, like Ignite's reserved sequence across coordinators
    }

    @Override
    public List<RunRecord> loadRuns() {
        return new ArrayList<>(runs.values());
    }

    @Override
    public List<TaskRecord> loadTasks() {
        return new ArrayList<>(tasks.values());
    }

    @Override
    public Map<Long, String> loadResultIndex() {
        Map<Long, String> out = new ConcurrentHashMap<>();
        results.forEach((k, v) -> out.put(k, v.runId()));
        return out;
    }

    @Override
    public List<TaskResult> loadResults(List<Long> seqs) {
        return seqs.stream().map(results::get).filter(Objects::nonNull).toList();
    }

    @Override
    public long claimEpoch() {
        return epoch.incrementAndGet();
    }

    @Override
    public long currentEpoch() {
        return epoch.get();
    }

    @Override
    public void saveQuarantine(List<Quarantine.Entry> entries) {
        quarantine = List.copyOf(entries);
    }

    @Override
    public List<Quarantine.Entry> loadQuarantine() {
        return quarantine;
    }

    @Override
    public void forgetRuns(Collection<String> runIds, Collection<String> taskKeys) {
        runs.keySet().removeAll(runIds);
        tasks.keySet().removeAll(taskKeys);
    }

    @Override
    public void removeCheckpoints(Collection<String> taskKeys) {
        removedCheckpoints.addAll(taskKeys);
    }
}
