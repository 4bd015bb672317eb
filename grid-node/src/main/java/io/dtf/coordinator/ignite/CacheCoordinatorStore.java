package io.dtf.coordinator.ignite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.coordinator.CoordinatorStore;
import io.dtf.coordinator.GridCapacity;
import io.dtf.coordinator.Quarantine;
import io.dtf.coordinator.RunRecord;
import io.dtf.coordinator.TaskRecord;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import io.dtf.wire.PartitionScan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicLong;
import org.apache.ignite.IgniteAtomicReference;
import org.apache.ignite.IgniteAtomicSequence;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.configuration.AtomicConfiguration;
import org.apache.ignite.configuration.CacheConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's state in DTF's partitioned caches. Runs and task states are Ignite binary rows
 * ({@link RunRows}, {@link TaskRows}: the SQL tables the console reads); specs and results are JSON
 * text (see {@link Json} for why). Rows an earlier version wrote as JSON are read, and rewritten as
 * binary rows when a coordinator loads them, so SQL sees every run after the first take-over.
 */
public final class CacheCoordinatorStore implements CoordinatorStore {
    private static final Logger LOG = LoggerFactory.getLogger(CacheCoordinatorStore.class);
    private static final int BATCH = 1_000;

    private final IgniteCache<String, Object> runs;
    private final IgniteCache<String, Object> tasks;
    private final IgniteCache<String, String> specs;
    private final IgniteCache<Long, String> results;
    private final IgniteCache<String, Object> checkpoints;
    private final IgniteAtomicSequence sequence;
    private final IgniteAtomicLong epoch;
    private final IgniteAtomicReference<String> quarantine;
    private final Ignite ignite;

    public CacheCoordinatorStore(Ignite ignite) {
        this.ignite = ignite;
        this.runs = ignite.<String, Object>cache(CacheNames.RUNS).withKeepBinary();
        this.tasks = ignite.<String, Object>cache(CacheNames.TASKS).withKeepBinary();
        this.specs = ignite.cache(CacheNames.TASK_SPECS);
        this.results = ignite.cache(CacheNames.RESULTS);
        this.checkpoints = ignite.cache(CacheNames.CHECKPOINTS);
        // A reserve of 1,000 makes nextSeq a local increment almost always; a new coordinator
        // reserves a fresh, higher range, so seq numbers never repeat.
        this.sequence = ignite.atomicSequence(CacheNames.RESULT_SEQUENCE,
                new AtomicConfiguration().setBackups(1).setAtomicSequenceReserveSize(1_000), 0, true);
        AtomicConfiguration backedUp = new AtomicConfiguration().setBackups(1);
        this.epoch = ignite.atomicLong(CacheNames.COORDINATOR_EPOCH, backedUp, 0, true);
        this.quarantine = ignite.atomicReference(CacheNames.QUARANTINE, backedUp, "[]", true);
    }

    @Override
    public void saveRuns(Collection<RunRecord> records) {
        putInBatches(runs, records, RunRecord::runId, r -> RunRows.of(ignite.binary(), r));
    }

    @Override
    public void saveTasks(Collection<TaskRecord> records) {
        // Specs are large and never change: written with a task's first save only, so the two
        // state writes of every attempt stay small (they were most of the coordinator's write cost).
        List<TaskRecord> submitted = records.stream()
                .filter(t -> t.state() == TaskState.QUEUED && t.attempts() == 0).toList();
        putInBatches(specs, submitted, TaskRecord::key, t -> Json.write(t.spec()));
        putInBatches(tasks, records, TaskRecord::key, t -> TaskRows.of(ignite.binary(), t));
    }

    @Override
    public void saveResults(Collection<TaskResult> records) {
        putInBatches(results, records, TaskResult::seq, Json::write);
    }

    /**
     * Writes in batches of {@value #BATCH}. Keys go in sorted order (a TreeMap), so two writers of
     * overlapping keys cannot deadlock each other.
     */
    private static <K extends Comparable<K>, V, S> void putInBatches(IgniteCache<K, S> cache, Collection<V> records,
                                                                   Function<V, K> key, Function<V, ? extends S> value) {
        Map<K, S> batch = new TreeMap<>();
        for (V record : records) {
            batch.put(key.apply(record), value.apply(record));
            if (batch.size() == BATCH) {
                cache.putAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            cache.putAll(batch);
        }
    }

    @Override
    public long nextSeq() {
        return sequence.incrementAndGet();
    }

    /**
     * Runs, tasks and the result index are read partition by partition ({@link PartitionScan}): a new
     * coordinator loads them as a data node leaves, while partitions move, and a whole-cache scan then
     * can miss entries, leaving tasks unknown to it.
     */
    @Override
    public List<RunRecord> loadRuns() {
        Map<String, Object> rows = readAll(runs);
        List<RunRecord> out = new ArrayList<>(rows.size());
        rows.forEach((key, value) -> {
            RunRecord run = RunRows.read(value);
            out.add(run);
            if (value instanceof String json) {
                upgrade(runs, key, json, RunRows.of(ignite.binary(), run));
            }
        });
        return out;
    }

    @Override
    public List<TaskRecord> loadTasks() {
        Map<String, Object> rows = readAll(tasks);
        Map<String, String> specJson = readAll(specs);
        List<TaskRecord> out = new ArrayList<>(rows.size());
        rows.forEach((key, value) -> {
            String spec = specJson.get(key);
            if (spec == null) {
                LOG.warn("task {} has a state but no spec in the store; not loaded", key);
                return;
            }
            TaskRecord task = TaskRows.read(value).with(Json.read(spec, TaskSpec.class));
            out.add(task);
            if (value instanceof String json) {
                upgrade(tasks, key, json, TaskRows.of(ignite.binary(), task));
            }
        });
        return out;
    }

    /**
     * Rewrites a row an earlier version wrote as JSON as a binary row, so that SQL sees it; only if it
     * is still that JSON (a newer state written meanwhile stays). Once per row, at the first load.
     */
    private static void upgrade(IgniteCache<String, Object> cache, String key, String json, Object row) {
        cache.replace(key, json, row);
    }

    @Override
    public Map<Long, String> loadResultIndex() {
        Map<Long, String> out = new HashMap<>();
        read(results, (seq, json) -> out.put(seq, Json.read(json, TaskResult.class).runId()));
        return out;
    }

    private <K, V> Map<K, V> readAll(IgniteCache<K, V> cache) {
        Map<K, V> out = new HashMap<>();
        read(cache, out::put);
        return out;
    }

    /** Every entry of {@code cache}, one partition at a time; an entry may come twice (a partition read again). */
    private <K, V> void read(IgniteCache<K, V> cache, PartitionScan.Sink<K, V> sink) {
        try {
            PartitionScan.of(ignite, cache).scan(null, sink, PartitionScan.ATTEMPTS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + cache.getName(), e);
        }
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
        quarantine.set(Json.write(entries));
    }

    @Override
    public List<Quarantine.Entry> loadQuarantine() {
        String json = quarantine.get();
        return json == null ? List.of() : Json.read(json, new TypeReference<List<Quarantine.Entry>>() { });
    }

    @Override
    public void forgetRuns(Collection<String> runIds, Collection<String> taskKeys) {
        List<String> keys = new ArrayList<>(new TreeSet<>(taskKeys));
        for (int from = 0; from < keys.size(); from += BATCH) {
            Set<String> chunk = new TreeSet<>(keys.subList(from, Math.min(keys.size(), from + BATCH)));
            specs.removeAll(chunk);
            tasks.removeAll(chunk);
        }
        runs.removeAll(new TreeSet<>(runIds));
    }

    @Override
    public Optional<GridCapacity> capacity() {
        return RegionUsage.of(ignite, tasks.getConfiguration(CacheConfiguration.class)
                .getBackups());
    }

    @Override
    public void removeCheckpoints(Collection<String> taskKeys) {
        // CacheCheckpointSpi keeps each checkpoint under its key: one batch instead of a call per task.
        checkpoints.removeAll(new TreeSet<>(taskKeys));
    }

    @Override
    public List<TaskResult> loadResults(List<Long> seqs) {
        Map<Long, String> found = results.getAll(new LinkedHashSet<>(seqs));
        List<TaskResult> out = new ArrayList<>(seqs.size());
        for (Long seq : seqs) {
            String json = found.get(seq);
            if (json != null) {
                out.add(Json.read(json, TaskResult.class));
            }
        }
        return out;
    }
}
