package io.dtf.coordinator;

import io.dtf.model.TaskState;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every run the coordinator knows, by id. A run ends here, when its last task reaches a final state. */
final class RunTable {
    private static final Logger LOG = LoggerFactory.getLogger(RunTable.class);

    private final Map<String, RunState> runs = new HashMap<>();
    private final InstantSource clock;
    private StateWriter writer;
    private Consumer<String> forgotten = runId -> { };

    RunTable(InstantSource clock) {
        this.clock = clock;
    }

    /** Set once, at wiring: the writer itself asks this table which runs are current. */
    void writeThrough(StateWriter value) {
        this.writer = value;
    }

    /** Set once, at wiring: told of each run taken out of memory. */
    void onForget(Consumer<String> value) {
        this.forgotten = value;
    }

    RunState get(String runId) {
        return runs.get(runId);
    }

    Collection<RunState> all() {
        return runs.values();
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    int size() {
        return runs.size();
    }

    /** A run just admitted: stored with the turn's writes. */
    RunState add(RunRecord record) {
        RunState run = restore(record);
        writer.run(record);
        return run;
    }

    /** A run read back from the store. */
    RunState restore(RunRecord record) {
        RunState run = new RunState(record);
        runs.put(record.runId(), run);
        return run;
    }

    /** One of the run's tasks moved from {@code from} (null: it is new to this table) to {@code to}. */
    void taskMoved(String runId, TaskState from, TaskState to) {
        RunState run = runs.get(runId);
        run.count(from, to);
        if (to.isFinal() && run.allFinal() && run.phase() != RunPhase.ENDED) {
            writer.run(run.end(clock.instant()));
            LOG.info("run {} ended: {}", runId, run.view().counts());
        }
    }

    /** Widens what of the run is cancelled by a request for {@code taskId} (null: all of it). */
    void cancel(RunState run, String taskId, Instant now) {
        writer.run(run.cancel(Cancellation.add(run.record().cancellation(), taskId, now)));
    }

    /** Takes the runs out of memory; their tasks are the task table's to drop. */
    void forget(List<RunState> due) {
        for (RunState run : due) {
            run.forget();
            runs.remove(run.runId());
            forgotten.accept(run.runId());
        }
    }
}
