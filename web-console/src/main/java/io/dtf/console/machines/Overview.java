package io.dtf.console.machines;

import java.time.Instant;
import java.util.List;

/**
 * The grid at a glance, as the overview page shows it.
 *
 * @param coordinatorUp      whether a coordinator is deployed (without one nothing is scheduled)
 * @param aggregatorUp       whether an aggregator is up (without one no history or trends)
 * @param nodes              nodes in the grid, every role
 * @param workersUp          nodes with the worker role
 * @param workersReady       workers taking work
 * @param workersQuarantined workers held out of work after repeated infrastructure failures
 * @param slotsTotal         slots of all workers
 * @param slotsBusy          attempts running on them
 * @param tasksQueued        tasks waiting, over the active runs
 * @param tasksRunning       tasks running, over the active runs
 * @param perMinute          tasks finished per minute over the last {@code rateSeconds} (at most 5 minutes);
 *                           null until measured (the console samples every 10 s)
 * @param throughput         tasks finished in each of the last minutes (up to {@link ProgressSampler#WINDOW})
 * @param runs               the active runs, newest first, at most {@link OverviewReader#MAX_RUNS}
 * @param activeRuns         how many runs are active in all
 */
public record Overview(Instant at, boolean coordinatorUp, boolean aggregatorUp, int nodes, int workersUp,
                       int workersReady, int workersQuarantined, int slotsTotal, int slotsBusy, int tasksQueued,
                       int tasksRunning, Double perMinute, Long rateSeconds, List<ThroughputPoint> throughput,
                       List<RunEta> runs, int activeRuns) {
    public Overview {
        throughput = List.copyOf(throughput);
        runs = List.copyOf(runs);
    }
}
