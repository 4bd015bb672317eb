package io.dtf.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets runs that ended more than the run retention ago: out of memory and out of the caches
 * (their results stay until replicated and retained). Once a forget check at most, and only after
 * every write so far is stored, so that no late write brings an entry back.
 */
final class RunRetention {
    private static final Logger LOG = LoggerFactory.getLogger(RunRetention.class);

    private final CoordinatorSettings settings;
    private final CoordinatorStore store;
    private final StateWriter writer;
    private final RunTable runs;
    private final TaskTable tasks;
    private long checkedAt = Long.MIN_VALUE / 2;

    RunRetention(CoordinatorSettings settings, CoordinatorStore store, StateWriter writer, RunTable runs,
                 TaskTable tasks) {
        this.settings = settings;
        this.store = store;
        this.writer = writer;
        this.runs = runs;
        this.tasks = tasks;
    }

    void forgetEnded(Instant now) {
        Duration retention = settings.runRetention();
        if (retention == null || now.toEpochMilli() - checkedAt < settings.forgetCheck().toMillis()) {
            return;
        }
        checkedAt = now.toEpochMilli();
        List<RunState> due = EndedRuns.due(runs.all(), now, retention);
        if (due.isEmpty()) {
            return;
        }
        writer.storeAll();
        List<String> runIds = due.stream().map(RunState::runId).toList();
        List<String> taskKeys = due.stream().flatMap(r -> r.taskKeys.stream()).toList();
        store.forgetRuns(runIds, taskKeys);
        runs.forget(due);
        tasks.forget(taskKeys);
        LOG.info("forgot {} runs ({} tasks) that ended more than {} ago", runIds.size(), taskKeys.size(), retention);
    }
}
