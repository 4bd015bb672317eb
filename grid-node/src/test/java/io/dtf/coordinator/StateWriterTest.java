package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.CoordinatorApi;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * What the store writer guarantees whatever the store overlaps: the fence first, results before task
 * states; and where it writes (at once when little is to be written and nothing is in flight).
 */
class StateWriterTest {
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    private final InMemoryCoordinatorStore memory = new InMemoryCoordinatorStore();
    private final List<String> seenEndedWithoutResult = new ArrayList<>();
    /** The in-memory store, noting each final state stored before its task's result. */
    private final CoordinatorStore store = new CoordinatorStore() {
        @Override
        public void saveTasks(Collection<TaskRecord> records) {
            records.stream().filter(t -> t.state().isFinal())
                    .filter(t -> memory.results.values().stream().noneMatch(r -> r.taskId().equals(t.spec().id())))
                    .forEach(t -> seenEndedWithoutResult.add(t.key()));
            memory.saveTasks(records);
        }

        @Override
        public void saveRuns(Collection<RunRecord> runs) {
            memory.saveRuns(runs);
        }

        @Override
        public void saveResults(Collection<TaskResult> results) {
            memory.saveResults(results);
        }

        @Override
        public long nextSeq() {
            return memory.nextSeq();
        }

        @Override
        public List<RunRecord> loadRuns() {
            return memory.loadRuns();
        }

        @Override
        public List<TaskRecord> loadTasks() {
            return memory.loadTasks();
        }

        @Override
        public Map<Long, String> loadResultIndex() {
            return memory.loadResultIndex();
        }

        @Override
        public List<TaskResult> loadResults(List<Long> seqs) {
            return memory.loadResults(seqs);
        }

        @Override
        public long claimEpoch() {
            return memory.claimEpoch();
        }

        @Override
        public long currentEpoch() {
            return memory.currentEpoch();
        }

        @Override
        public void saveQuarantine(List<Quarantine.Entry> entries) {
            memory.saveQuarantine(entries);
        }

        @Override
        public List<Quarantine.Entry> loadQuarantine() {
            return memory.loadQuarantine();
        }

        @Override
        public void forgetRuns(Collection<String> runIds, Collection<String> taskKeys) {
            memory.forgetRuns(runIds, taskKeys);
        }

        @Override
        public void removeCheckpoints(Collection<String> taskKeys) {
            memory.removeCheckpoints(taskKeys);
        }
    };

    private StateWriter writer(boolean current) {
        return writer(Runnable::run, current);
    }

    private StateWriter writer(Executor thread, boolean current) {
        return new StateWriter(store, thread, 4, () -> current, new StateWriter.Owner() {
            @Override
            public void indexed(TaskResult result, boolean stored) {
            }

            @Override
            public boolean isCurrent(TaskRecord task) {
                return true;
            }

            @Override
            public boolean isCurrent(RunRecord run) {
                return true;
            }
        });
    }

    private static TaskResult result(long seq, TaskRecord task) {
        return new TaskResult(seq, task.runId(), "suite", task.spec().id(), task.spec().name(), Map.of(), 1, true,
                TaskState.PASSED, AT, AT.plusMillis(3), "node-1", "hw", 0, List.of(), "", "", null, null, null, null);
    }

    @Test
    void aReplacedCoordinatorsWriterStoresNothingOfABatch() {
        StateWriter writer = writer(false);
        TaskRecord queued = TaskRecord.queued("run-1", "suite", 1, Tasks.spec("a", 0), AT);
        writer.run(new RunRecord("run-1", "suite", AT, 1, null));
        writer.task(queued);
        writer.result(result(store.nextSeq(), queued));

        IllegalStateException refused = assertThrows(IllegalStateException.class, writer::storeAll);

        assertEquals(CoordinatorApi.MOVING, refused.getMessage(), "nothing was done: the caller may try again");
        assertEquals(List.of(), store.loadRuns());
        assertEquals(List.of(), store.loadTasks());
        assertEquals(Map.of(), store.loadResultIndex());
    }

    @Test
    void aTasksFinalStateIsStoredOnlyOnceItsResultIsAndAFailedResultWriteIsRetriedWithIt() {
        StateWriter writer = writer(true);
        TaskRecord queued = TaskRecord.queued("run-1", "suite", 1, Tasks.spec("a", 0), AT);
        writer.run(new RunRecord("run-1", "suite", AT, 1, null));
        writer.task(queued);
        writer.storeAll();
        TaskRecord ended = queued.startOn("node-1", 1, AT).moveTo(TaskState.PASSED, AT.plusSeconds(1));
        memory.failingResultWrites.set(1);
        writer.result(result(store.nextSeq(), ended));
        writer.task(ended);

        writer.storeAll(); // the first write of the result fails; the batch is written again, whole

        assertEquals(List.of(), seenEndedWithoutResult);
        assertEquals(TaskState.PASSED, store.loadTasks().get(0).state());
        assertTrue(store.loadResultIndex().containsValue("run-1"));
    }

    @Test
    void aFewChangesWithNothingInFlightAreStoredAtOnceAndMoreGoToTheWriterThreadInOrder() {
        List<Runnable> writerThread = new ArrayList<>();
        StateWriter writer = writer(writerThread::add, true);
        writer.run(new RunRecord("run-1", "suite", AT, 22, null));
        writer.task(TaskRecord.queued("run-1", "suite", 0, Tasks.spec("t0", 0), AT));

        writer.flush();

        assertEquals(1, memory.loadTasks().size(), "a lone task's changes are stored when flush returns");
        assertEquals(List.of(), writerThread);

        for (int i = 1; i <= 20; i++) {
            writer.task(TaskRecord.queued("run-1", "suite", i, Tasks.spec("t" + i, 0), AT));
        }
        writer.flush();
        writer.task(TaskRecord.queued("run-1", "suite", 21, Tasks.spec("t21", 0), AT));
        writer.flush();

        assertEquals(2, writerThread.size(), "many changes, and then a few behind them, go to the writer thread");
        assertEquals(1, memory.loadTasks().size());
        writerThread.forEach(Runnable::run);
        writer.storeAll();
        assertEquals(22, memory.loadTasks().size());
    }
}
