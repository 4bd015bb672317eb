package io.dtf.console.machines;

import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.live.RunQuery;
import io.dtf.model.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Puts the overview together: the machines (from {@link GridMachines}) and the runs' progress (from a
 * {@link ProgressSampler} that reads the grid's live state).
 */
public final class OverviewReader implements AutoCloseable {
    /** The most active runs the overview lists. */
    public static final int MAX_RUNS = 20;
    /** Numbers at most this old are fresh enough: a page refreshing on every task event reads no more often. */
    private static final Duration FRESH = Duration.ofSeconds(2);

    private final GridMachines machines;
    private final ProgressSampler sampler;

    public OverviewReader(ConsoleGrid grid, GridMachines machines) {
        this.machines = machines;
        this.sampler = new ProgressSampler(() -> {
            if (!machines.presence().coordinatorUp()) {
                throw new IllegalStateException("no coordinator is up");
            }
            return grid.live().runs(new RunQuery(null, null, 0, ProgressSampler.MAX_RUNS)).items();
        }, Clock.systemUTC());
    }

    /** Starts sampling the runs' progress in the background. */
    public void start() {
        sampler.start();
    }

    public Overview read(Caller caller) {
        ServicePresence presence = machines.presence();
        GridMachines.Workers workers = machines.all(caller);
        Progress progress = sampler.progress(FRESH);
        List<RunEta> active = progress.active();
        return new Overview(progress.at(), presence.coordinatorUp(), presence.aggregatorUp(),
                machines.nodeCount(), workers.workers().size(),
                count(workers, WorkerSummary.READY), count(workers, WorkerSummary.QUARANTINED),
                workers.workers().stream().mapToInt(WorkerSummary::slots).sum(),
                workers.workers().stream().mapToInt(w -> w.busy() == null ? 0 : w.busy()).sum(),
                active.stream().mapToInt(r -> r.counts().getOrDefault(TaskState.QUEUED, 0)).sum(),
                active.stream().mapToInt(r -> r.counts().getOrDefault(TaskState.RUNNING, 0)).sum(),
                progress.perMinute(), progress.rateSeconds(), progress.throughput(),
                active.stream().limit(MAX_RUNS).toList(), active.size());
    }

    private static int count(GridMachines.Workers workers, String state) {
        return (int) workers.workers().stream().filter(w -> state.equals(w.state())).count();
    }

    @Override
    public void close() {
        sampler.close();
    }
}
