package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.BenchmarkAction;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CoordinatorStore} must do, run against each implementation by a subclass: what a
 * new coordinator reads back is what the old one wrote. The stores of one subclass may hold what other
 * tests wrote, so each test uses run ids of its own and looks at those only.
 */
public abstract class CoordinatorStoreContract {

    /** The store under test; the same state for every call in a test. */
    protected abstract CoordinatorStore store();

    /** Another coordinator's view of the same state (in a grid: from another node). */
    protected abstract CoordinatorStore anotherCoordinator();

    /** Stores a checkpoint of {@code taskKey}, as a job would. */
    protected abstract void saveCheckpoint(String taskKey);

    /** Whether a checkpoint of {@code taskKey} is still held. */
    protected abstract boolean hasCheckpoint(String taskKey);

    protected static String newRunId() {
        return "suite-" + UUID.randomUUID();
    }

    protected static TaskSpec spec(String id) {
        return new TaskSpec(id, "name of " + id, Map.of("n", id), new BenchmarkAction("noop", 0, 1),
                List.of(Requirement.parse("memory >= 1GiB")), 5, Duration.ofSeconds(10), 2, 1);
    }

    protected static RunRecord run(String runId, int total) {
        return new RunRecord(runId, "suite", Instant.now(), total, null, null, "alice");
    }

    protected static TaskResult result(long seq, String runId, String taskId) {
        Instant at = Instant.now();
        return new TaskResult(seq, runId, "suite", taskId, "name of " + taskId, Map.of("n", "1"), 1, true,
                TaskState.PASSED, at, at.plusMillis(3), "node-1", "hw", 0, List.of(), "out", "", null, null, null,
                null);
    }

    /** What a store gives back for {@code t}: instants to the millisecond, as the SQL columns hold them. */
    protected static TaskRecord asStored(TaskRecord t) {
        return new TaskRecord(t.runId(), t.suite(), t.order(), t.spec(), t.state(), t.attempts(), t.nodeId(),
                t.hwClass(), millis(t.updatedAt()), t.attemptId(), t.retry());
    }

    protected static RunRecord asStored(RunRecord r) {
        return new RunRecord(r.runId(), r.suite(), millis(r.submittedAt()), r.total(), millis(r.endedAt()),
                r.cancellation(), r.owner());
    }

    private static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    protected List<TaskRecord> tasksOf(CoordinatorStore s, String runId) {
        return s.loadTasks().stream().filter(t -> t.runId().equals(runId))
                .sorted((a, b) -> Long.compare(a.order(), b.order())).toList();
    }

    protected List<RunRecord> runsOf(CoordinatorStore s, String... runIds) {
        Set<String> wanted = Set.of(runIds);
        return s.loadRuns().stream().filter(r -> wanted.contains(r.runId()))
                .sorted((a, b) -> a.runId().compareTo(b.runId())).toList();
    }

    @Test
    void aRunComesBackAsSavedAndASecondSaveReplacesIt() {
        String runId = newRunId();
        RunRecord submitted = run(runId, 2);
        store().saveRuns(List.of(submitted));
        assertEquals(List.of(asStored(submitted)), runsOf(anotherCoordinator(), runId));

        RunRecord ended = submitted.cancelled(new Cancellation(Instant.now(), false, Set.of("a"))).ended(Instant.now());
        store().saveRuns(List.of(ended));
        store().saveRuns(List.of(ended));
        assertEquals(List.of(asStored(ended)), runsOf(anotherCoordinator(), runId));
    }

    @Test
    void aTaskComesBackWithItsSpecAndItsLatestState() {
        String runId = newRunId();
        store().saveRuns(List.of(run(runId, 2)));
        TaskRecord a = TaskRecord.queued(runId, "suite", 1, spec("a"), Instant.now());
        TaskRecord b = TaskRecord.queued(runId, "suite", 2, spec("b"), Instant.now());
        store().saveTasks(List.of(a, b));
        Instant later = Instant.now().plusSeconds(5);
        TaskRecord running = a.startOn("node-1", 3, Instant.now()).ranOn("node-1", "hw-fast")
                .withRetry(new RetryState(1, 2, List.of("node-0"), List.of(Requirement.parse("memory > 8GiB")),
                        later, later.plusSeconds(10)));
        store().saveTasks(List.of(running));
        store().saveTasks(List.of(running)); // saved twice: one task, the same state

        List<TaskRecord> loaded = tasksOf(anotherCoordinator(), runId);

        assertEquals(List.of(asStored(running), asStored(b)), loaded);
        assertEquals(spec("a"), loaded.get(0).spec(), "the spec of the first save");
        assertEquals("3:1", loaded.get(0).attemptId());
    }

    @Test
    void theSpecIsStoredWithTheFirstSaveOnlyAndLaterSavesKeepIt() {
        String runId = newRunId();
        store().saveRuns(List.of(run(runId, 1)));
        TaskRecord queued = TaskRecord.queued(runId, "suite", 1, spec("a"), Instant.now());
        store().saveTasks(List.of(queued));

        // A later save carries a spec too, but a spec never changes: the stored one stays.
        TaskSpec other = new TaskSpec("a", "renamed", Map.of(), new BenchmarkAction("other", 0, 1), List.of(), 1,
                Duration.ofSeconds(1), 0, 1);
        TaskRecord running = queued.startOn("node-1", 1, Instant.now());
        TaskRecord later = new TaskRecord(runId, "suite", 1, other, running.state(), running.attempts(),
                running.nodeId(), null, running.updatedAt(), running.attemptId(), null);
        store().saveTasks(List.of(later));

        TaskRecord loaded = tasksOf(store(), runId).get(0);
        assertEquals(spec("a"), loaded.spec());
        assertEquals(TaskState.RUNNING, loaded.state());
    }

    @Test
    void aTaskWithRetriesAndRequeuedKeepsItsRetryState() {
        String runId = newRunId();
        store().saveRuns(List.of(run(runId, 1)));
        TaskRecord queued = TaskRecord.queued(runId, "suite", 1, spec("a"), Instant.now());
        store().saveTasks(List.of(queued));
        TaskRecord requeued = queued.startOn("node-1", 1, Instant.now()).moveTo(TaskState.QUEUED, Instant.now())
                .withRetry(new RetryState(0, 1, List.of("node-1"), List.of(), null, null));
        store().saveTasks(List.of(requeued));

        assertEquals(List.of(asStored(requeued)), tasksOf(store(), runId));
    }

    @Test
    void resultsComeBackBySeqInTheOrderAskedAndIndexedByRun() {
        String runId = newRunId();
        String otherRun = newRunId();
        List<TaskResult> saved = List.of(result(store().nextSeq(), runId, "a"), result(store().nextSeq(), runId, "b"),
                result(store().nextSeq(), otherRun, "c"));
        store().saveResults(saved);
        store().saveResults(saved.subList(0, 1)); // saved twice: still one result

        List<Long> reversed = List.of(saved.get(2).seq(), saved.get(0).seq());
        assertEquals(List.of(saved.get(2), saved.get(0)), anotherCoordinator().loadResults(reversed));
        Map<Long, String> index = anotherCoordinator().loadResultIndex();
        assertEquals(runId, index.get(saved.get(0).seq()));
        assertEquals(runId, index.get(saved.get(1).seq()));
        assertEquals(otherRun, index.get(saved.get(2).seq()));
        assertEquals(List.of(), store().loadResults(List.of(-7L)), "an unknown seq is left out");
    }

    @Test
    void seqNumbersIncreaseAndNeverRepeatAcrossCoordinators() {
        CoordinatorStore other = anotherCoordinator();
        List<Long> first = IntStream.range(0, 20).mapToObj(i -> store().nextSeq()).toList();
        List<Long> second = IntStream.range(0, 20).mapToObj(i -> other.nextSeq()).toList();
        List<Long> third = IntStream.range(0, 20).mapToObj(i -> store().nextSeq()).toList();

        for (List<Long> drawn : List.of(first, second, third)) {
            assertEquals(new ArrayList<>(new TreeSet<>(drawn)), drawn, "increasing");
            assertTrue(drawn.get(0) > 0);
        }
        Set<Long> all = new HashSet<>(first);
        all.addAll(second);
        all.addAll(third);
        assertEquals(60, all.size(), "unique");
        assertTrue(third.get(0) > first.get(19));
    }

    @Test
    void eachClaimGivesAHigherEpochAndTheOvertakenCoordinatorSeesIt() {
        long mine = store().claimEpoch();
        assertEquals(mine, store().currentEpoch());
        long successor = anotherCoordinator().claimEpoch();
        assertTrue(successor > mine);
        assertEquals(successor, store().currentEpoch(), "the first coordinator sees it was overtaken");
    }

    @Test
    void twoCoordinatorsClaimingAtOnceNeverGetTheSameEpoch() throws Exception {
        CoordinatorStore other = anotherCoordinator();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Long>> claimsA = () -> IntStream.range(0, 50).mapToObj(i -> store().claimEpoch()).toList();
            Callable<List<Long>> claimsB = () -> IntStream.range(0, 50).mapToObj(i -> other.claimEpoch()).toList();
            Future<List<Long>> a = threads.submit(claimsA);
            Future<List<Long>> b = threads.submit(claimsB);
            Set<Long> all = new TreeSet<>(a.get());
            all.addAll(b.get());
            assertEquals(100, all.size(), "no epoch claimed twice");
            assertEquals(((TreeSet<Long>) all).last(), store().currentEpoch());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theQuarantineListIsReplacedAsAWhole() {
        Quarantine.Entry held = new Quarantine.Entry("node-9", Instant.parse("2026-12-01T10:00:00.123Z"),
                List.of("r/a", "r/b"), "out of memory");
        Quarantine.Entry other = new Quarantine.Entry("node-8", Instant.parse("2026-12-01T11:00:00Z"), List.of(), "hung");
        store().saveQuarantine(List.of(held, other));
        assertEquals(List.of(held, other), anotherCoordinator().loadQuarantine());
        store().saveQuarantine(List.of(other));
        assertEquals(List.of(other), anotherCoordinator().loadQuarantine());
        store().saveQuarantine(List.of());
        assertEquals(List.of(), anotherCoordinator().loadQuarantine());
    }

    @Test
    void capacityIsUnknownOrConsistent() {
        store().capacity().ifPresent(c -> {
            assertTrue(c.regionBytes() > 0, "region size: " + c);
            assertTrue(c.usedBytes() >= 0 && c.copies() >= 1, c.toString());
            assertTrue(c.freeBytes() <= c.regionBytes());
        });
    }

    @Test
    void forgottenRunsLoseTheirStatesAndSpecsButKeepTheirResults() {
        String gone = newRunId();
        String kept = newRunId();
        store().saveRuns(List.of(run(gone, 1), run(kept, 1)));
        TaskRecord goneTask = TaskRecord.queued(gone, "suite", 1, spec("a"), Instant.now());
        TaskRecord keptTask = TaskRecord.queued(kept, "suite", 2, spec("a"), Instant.now());
        store().saveTasks(List.of(goneTask, keptTask));
        TaskResult goneResult = result(store().nextSeq(), gone, "a");
        store().saveResults(List.of(goneResult));

        store().forgetRuns(List.of(gone), List.of(goneTask.key()));

        assertEquals(List.of(kept), runsOf(store(), gone, kept).stream().map(RunRecord::runId).toList());
        assertEquals(List.of(), tasksOf(store(), gone));
        assertEquals(List.of(asStored(keptTask)), tasksOf(store(), kept));
        assertEquals(List.of(goneResult), store().loadResults(List.of(goneResult.seq())));
        assertEquals(gone, store().loadResultIndex().get(goneResult.seq()));

        // Saved again under the same key after being forgotten, a task takes its new spec.
        TaskRecord again = TaskRecord.queued(gone, "suite", 3, new TaskSpec("a", "again", Map.of(),
                new BenchmarkAction("noop", 0, 1), List.of(), 1, Duration.ofSeconds(1), 0, 1), Instant.now());
        store().saveRuns(List.of(run(gone, 1)));
        store().saveTasks(List.of(again));
        assertEquals(List.of(asStored(again)), tasksOf(store(), gone));
        store().forgetRuns(List.of(gone, "never-stored"), List.of(again.key(), "never/stored"));
        assertEquals(List.of(), tasksOf(store(), gone));
    }

    @Test
    void checkpointsOfEndedTasksAreRemovedAndAMissingOneIsNoError() {
        String runId = newRunId();
        String key = TaskRecord.key(runId, "a");
        saveCheckpoint(key);
        assertTrue(hasCheckpoint(key));

        store().removeCheckpoints(List.of(key, TaskRecord.key(runId, "never-saved")));

        assertFalse(hasCheckpoint(key));
        assertDoesNotThrow(() -> store().removeCheckpoints(List.of(key)));
    }

    @Test
    void oneBatchOfResultsStatesAndRunsComesBackWhole() {
        String runId = newRunId();
        int n = 2_500; // more entries than one cache write takes
        List<TaskRecord> queued = IntStream.range(0, n)
                .mapToObj(i -> TaskRecord.queued(runId, "suite", i, spec("t" + i), Instant.now())).toList();
        RunRecord run = run(runId, n);
        store().saveAll(List.of(), queued, List.of(run)); // a submission: specs, states and the run

        int ending = 1_200;
        List<TaskRecord> latest = new ArrayList<>(queued);
        List<TaskResult> results = new ArrayList<>();
        for (int i = 0; i < ending; i++) {
            latest.set(i, queued.get(i).startOn("node-1", 1, Instant.now()).moveTo(TaskState.PASSED, Instant.now()));
            results.add(result(store().nextSeq(), runId, "t" + i));
        }
        store().saveAll(results, latest.subList(0, ending), List.of());

        CoordinatorStore successor = anotherCoordinator();
        assertEquals(latest.stream().map(CoordinatorStoreContract::asStored).toList(), tasksOf(successor, runId));
        assertEquals(List.of(asStored(run)), runsOf(successor, runId));
        assertEquals(results, successor.loadResults(results.stream().map(TaskResult::seq).toList()));
    }

    @Test
    void whoeverSeesATasksFinalStateFindsItsResult() throws Exception {
        String runId = newRunId();
        int n = 200;
        List<TaskRecord> queued = IntStream.range(0, n)
                .mapToObj(i -> TaskRecord.queued(runId, "suite", i, spec("t" + i), Instant.now())).toList();
        store().saveAll(List.of(), queued, List.of(run(runId, n)));
        Map<String, Long> seqOf = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            // Another coordinator reads while this one ends the tasks one by one, each with its result.
            Future<Integer> finalsSeen = reader.submit(() -> {
                CoordinatorStore other = anotherCoordinator();
                int finals = 0;
                boolean last;
                do {
                    last = !writing.get();
                    for (TaskRecord t : tasksOf(other, runId)) {
                        if (t.state().isFinal()) {
                            finals++;
                            assertEquals(1, other.loadResults(List.of(seqOf.get(t.key()))).size(),
                                    t.key() + " was seen ended before its result was stored");
                        }
                    }
                } while (!last);
                return finals;
            });
            for (TaskRecord t : queued) {
                long seq = store().nextSeq();
                seqOf.put(t.key(), seq);
                TaskRecord ended = t.startOn("node-1", 1, Instant.now()).moveTo(TaskState.PASSED, Instant.now());
                store().saveAll(List.of(result(seq, runId, t.spec().id())), List.of(ended), List.of());
            }
            writing.set(false);
            assertTrue(finalsSeen.get() >= n, "the reader's last pass, after every write, sees every task ended");
        } finally {
            reader.shutdownNow();
        }
    }
}
