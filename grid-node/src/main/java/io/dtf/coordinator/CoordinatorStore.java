package io.dtf.coordinator;

import io.dtf.model.TaskResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the coordinator keeps its state, so that a new coordinator instance (after its node died)
 * rebuilds everything from here. Writes are batched by the caller; each method is one round trip.
 */
public interface CoordinatorStore {
    /** Stores runs; a run saved again replaces the earlier record. Instants are kept to the millisecond. */
    void saveRuns(Collection<RunRecord> runs);

    /**
     * Stores task states; a task saved again replaces its state. A task's spec never changes, so it is
     * stored with the task's first save only, which must be its submission (QUEUED, no attempt yet):
     * later saves stay small, and a load gives the task with the spec of its first save. A task's suite
     * is its run's (save the run with its tasks). Instants are kept to the millisecond.
     */
    void saveTasks(Collection<TaskRecord> tasks);

    /** Appends results; their seq numbers come from {@link #nextSeq()}. */
    void saveResults(Collection<TaskResult> results);

    /** The next cluster-wide result sequence number; increasing, unique, not necessarily dense. */
    long nextSeq();

    List<RunRecord> loadRuns();

    List<TaskRecord> loadTasks();

    /** seq -> run id of every stored result, to rebuild the per-run result index. */
    Map<Long, String> loadResultIndex();

    /** The results with these seq numbers, in the given order; a seq with no stored result is left out. */
    List<TaskResult> loadResults(List<Long> seqs);

    /**
     * Makes the caller the newest coordinator: increments and returns the grid-wide epoch. A
     * coordinator whose epoch is no longer {@link #currentEpoch()} has been replaced and must stop.
     */
    long claimEpoch();

    long currentEpoch();

    void saveQuarantine(List<Quarantine.Entry> entries);

    List<Quarantine.Entry> loadQuarantine();

    /** The room left in the caches, for admission; empty when it cannot be told (then not checked). */
    default Optional<GridCapacity> capacity() {
        return Optional.empty();
    }

    /**
     * Removes ended runs and their tasks (states and specs) that the coordinator has forgotten; their
     * results stay (they leave with the result retention, once replicated).
     */
    void forgetRuns(Collection<String> runIds, Collection<String> taskKeys);

    /** Drops the checkpoints of tasks that ended; a missing one is no error. */
    void removeCheckpoints(Collection<String> taskKeys);

    /**
     * Stores one batch of the coordinator's changes, in an order a reader can rely on: a task's state
     * only once the results in the batch are stored (whoever sees a task's final state finds its
     * result), and the runs only once their tasks are (a stored run has its tasks). A store whose
     * writes can be in flight together may overlap those that need no order between them; this
     * default makes them one after another.
     */
    default void saveAll(Collection<TaskResult> results, Collection<TaskRecord> tasks, Collection<RunRecord> runs) {
        if (!results.isEmpty()) {
            saveResults(results);
        }
        if (!tasks.isEmpty()) {
            saveTasks(tasks);
        }
        if (!runs.isEmpty()) {
            saveRuns(runs);
        }
    }
}
