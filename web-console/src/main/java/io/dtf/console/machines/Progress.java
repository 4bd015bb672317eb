package io.dtf.console.machines;

import io.dtf.model.RunView;
import java.time.Instant;
import java.util.List;

/**
 * The grid's runs as last sampled, and the pace they move at.
 *
 * @param at          when the runs were read
 * @param runs        every run read (the newest {@link ProgressSampler#MAX_RUNS})
 * @param active      the runs still going, with their pace and ETA
 * @param perMinute   tasks finished per minute over the last {@link ProgressSampler#RATE_WINDOW}, or over
 *                    what the samples span of it; null until there are two samples
 * @param rateSeconds the seconds {@code perMinute} was measured over; null with it
 * @param throughput  tasks finished per minute over the last {@link ProgressSampler#WINDOW}, oldest first
 */
public record Progress(Instant at, List<RunView> runs, List<RunEta> active, Double perMinute,
                       Long rateSeconds, List<ThroughputPoint> throughput) {
    public Progress {
        runs = List.copyOf(runs);
        active = List.copyOf(active);
        throughput = List.copyOf(throughput);
    }
}
