package io.dtf.coordinator.ignite;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
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
import org.apache.ignite.lang.IgniteFuture;
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
    /** Reads of a state's missing spec (or the reverse) before the task is left out: about 13 s in all. While a
     * partition moves, an entry was seen unreadable for up to 3 s; a take-over may wait, it must not lose a task. */
    private static final int MISSING_ATTEMPTS = 12;
    private static final ObjectWriter WITHOUT_NULLS = Json.mapper().copy()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL).writer();

    private final IgniteCache<String, Object> runs;
    private final IgniteCache<String, Object> tasks;
    private final IgniteCache<String, String> specs;
    private final IgniteCache<Long, String> results;
    private final IgniteCache<String, Object> checkpoints;
    private final IgniteAtomicSequence sequence;
    private final IgniteAtomicLong epoch;
    private final IgniteAtomicReference<String> quarantine;
    private final Ignite ignite;
    private final CapacityReadings capacity;

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
        int backups = tasks.getConfiguration(CacheConfiguration.class).getBackups();
        this.capacity = CapacityReadings.of(() -> RegionUsage.of(ignite, backups));
    }

    @Override
    public void saveRuns(Collection<RunRecord> records) {
        saveAll(List.of(), List.of(), records);
    }

    @Override
    public void saveTasks(Collection<TaskRecord> records) {
        saveAll(List.of(), records, List.of());
    }

    @Override
    public void saveResults(Collection<TaskResult> records) {
        saveAll(records, List.of(), List.of());
    }

    /**
     * Writes what needs no order between them at once, and waits only where the order matters: results
     * and the specs of new tasks together; the task states once the results are stored (with the specs
     * when there are no results: a state read before its spec is read again, see {@link #loadTasks});
     * the runs once their tasks are. A lone submission's specs and states are one round trip, not two.
     */
    @Override
    public void saveAll(Collection<TaskResult> newResults, Collection<TaskRecord> states,
                        Collection<RunRecord> runRecords) {
        Writes writes = new Writes();
        writes.put(results, newResults, TaskResult::seq, CacheCoordinatorStore::withoutNulls);
        // Specs are large and never change: written with a task's first save only, so the two
        // state writes of every attempt stay small (they were most of the coordinator's write cost).
        List<TaskRecord> submitted = states.stream()
                .filter(t -> t.state() == TaskState.QUEUED && t.attempts() == 0).toList();
        writes.put(specs, submitted, TaskRecord::key, t -> withoutNulls(t.spec()));
        if (!newResults.isEmpty()) {
            writes.await();
        }
        writes.put(tasks, states, TaskRecord::key, t -> TaskRows.of(ignite.binary(), t));
        writes.await();
        writes.put(runs, runRecords, RunRecord::runId, r -> RunRows.of(ignite.binary(), r));
        writes.await();
    }

    /**
     * JSON without the fields that are null: every reader takes an absent field as null ({@link Json}
     * reads into records), and a short task's result has several (error, category, signature...).
     */
    private static String withoutNulls(Object value) {
        try {
            return WITHOUT_NULLS.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Cache writes in flight together, in batches of {@value #BATCH} entries, at most {@value #IN_FLIGHT}
     * batches at a time. Keys go in sorted order (a TreeMap), so two writers of overlapping keys cannot
     * deadlock each other.
     */
    private static final class Writes {
        private static final int IN_FLIGHT = 8;
        private final ArrayDeque<IgniteFuture<Void>> pending = new ArrayDeque<>();
        private RuntimeException failed;

        <K extends Comparable<K>, V, S> void put(IgniteCache<K, S> cache, Collection<V> records, Function<V, K> key,
                                                Function<V, ? extends S> value) {
            Map<K, S> batch = new TreeMap<>();
            for (V record : records) {
                batch.put(key.apply(record), value.apply(record));
                if (batch.size() == BATCH) {
                    send(cache, batch);
                    batch = new TreeMap<>();
                }
            }
            if (!batch.isEmpty()) {
                send(cache, batch);
            }
        }

        private <K, S> void send(IgniteCache<K, S> cache, Map<K, S> batch) {
            if (pending.size() == IN_FLIGHT) {
                settle(pending.poll());
            }
            pending.add(cache.putAllAsync(batch));
        }

        /**
         * Waits for every write sent, then throws the first failure: a write still in flight after a
         * failure could otherwise land after the retry of its batch, or after a newer state.
         */
        void await() {
            while (!pending.isEmpty()) {
                settle(pending.poll());
            }
            RuntimeException e = failed;
            failed = null;
            if (e != null) {
                throw e;
            }
        }

        private void settle(IgniteFuture<Void> write) {
            try {
                write.get();
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                }
            }
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
        readMissing(rows, specJson.keySet(), tasks);
        readMissing(specJson, rows.keySet(), specs);
        Map<String, StoredTask> states = new HashMap<>(rows.size());
        rows.forEach((key, value) -> states.put(key, TaskRows.read(value)));
        Map<String, String> suites = suitesOf(states.values());
        List<TaskRecord> out = new ArrayList<>(rows.size());
        states.forEach((key, state) -> {
            String spec = specJson.get(key);
            if (spec == null) {
                LOG.warn("task {} has a state but no spec in the store; not loaded", key);
                return;
            }
            TaskRecord task = state.with(suites.get(state.runId()), Json.read(spec, TaskSpec.class));
            out.add(task);
            if (rows.get(key) instanceof String json) {
                upgrade(tasks, key, json, TaskRows.of(ignite.binary(), task));
            }
        });
        return out;
    }

    /**
     * Reads by key the entries of {@code cache} that {@code read} lacks though the other cache has them,
     * trying again for a few seconds. A task's state and spec are written together, yet while partitions
     * moved both a partition scan and a read by key were seen to miss a spec for about two seconds, and
     * find it again after (CoordinatorLoadWhilePartitionsMoveIT; the cause is not known): a task left
     * out here would be unknown to the new coordinator.
     */
    private static <V> void readMissing(Map<String, V> read, Set<String> expected, IgniteCache<String, V> cache) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(read.keySet());
        for (int attempt = 1; !missing.isEmpty(); attempt++) {
            for (List<String> chunk : chunks(missing)) {
                read.putAll(cache.getAll(new TreeSet<>(chunk)));
            }
            missing.removeAll(read.keySet());
            if (missing.isEmpty() || attempt == MISSING_ATTEMPTS) {
                return;
            }
            LOG.info("{} entries of {} not found yet (attempt {} of {}), e.g. {}; reading them again", missing.size(),
                    cache.getName(), attempt, MISSING_ATTEMPTS, missing.iterator().next());
            try {
                Thread.sleep(200L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + cache.getName(), e);
            }
        }
    }

    private static List<List<String>> chunks(Collection<String> keys) {
        List<String> all = new ArrayList<>(keys);
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            out.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return out;
    }

    /** The suite of each run with a task whose row does not carry it (rows are written without it now). */
    private Map<String, String> suitesOf(Collection<StoredTask> states) {
        Set<String> runIds = new TreeSet<>();
        states.stream().filter(s -> s.suite() == null).forEach(s -> runIds.add(s.runId()));
        Map<String, String> suites = new HashMap<>();
        runs.getAll(runIds).forEach((runId, row) -> suites.put(runId, RunRows.read(row).suite()));
        return suites;
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
        return capacity.get();
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
