package io.dtf.estimates;

import io.dtf.coordinator.DurationEstimates;
import io.dtf.model.DurationSample;
import io.dtf.model.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expected durations learned from history: an immutable snapshot built once from
 * {@link DurationSample}s, answering every lookup with a couple of hash lookups (it is asked on the
 * coordinator's loop for every placement decision).
 *
 * <p>What a task is expected to take on a worker of hardware class {@code c}:
 * <ol>
 *   <li>the task ran on {@code c}: its median there;
 *   <li>it ran on other classes only: its reference-class duration (each class's median divided by that
 *       class's {@link SpeedFactors speed factor}, averaged geometrically, weighted by sample count) times
 *       {@code c}'s factor;
 *   <li>never ran: the prior, times {@code c}'s factor. The prior is the median reference-class duration of
 *       the suite's known tasks; for a suite with none, {@link #DEFAULT_PRIOR}. Either is capped at the
 *       task's timeout, which it cannot outlast.
 * </ol>
 *
 * <pre>{@code
 * HistoryEstimates estimates = HistoryEstimates.of(samples);
 * long millis = estimates.expectedMillis("nightly", spec, "x86-8c");
 * HistoryEstimates learned = estimates.with(finishedAttempts);   // a new snapshot; this one is unchanged
 * }</pre>
 */
public final class HistoryEstimates implements DurationEstimates {
    /**
     * The prior of a task of a suite with no history. A scheduler needs it to be neither small nor huge:
     * too small (a few ms), an unknown long task looks free and is started last, on whatever node is slow
     * and idle, and sets the makespan; too large (its timeout, often tens of minutes), it looks like the
     * longest task of the run, takes the fastest node first and pushes known work behind it. Ten seconds
     * is a typical test or benchmark task: unknown tasks are placed among the known ones, and one run
     * later they are known.
     */
    public static final Duration DEFAULT_PRIOR = Duration.ofSeconds(10);

    private static final HistoryEstimates PRIOR_ONLY = of(List.of());

    /** One sample per suite, task and class, in the order first given. */
    private final List<DurationSample> samples;
    private final long defaultPriorMillis;
    private final SpeedFactors speeds;
    /** suite -> task id -> what is known of it: nested, so a lookup builds no key. */
    private final Map<String, Map<String, Known>> tasks;
    private final Map<String, Double> suitePriors;

    /** What is known of one task: its median per class seen, and its duration on the reference class. */
    private record Known(Map<String, Long> byClass, double referenceMillis) {
    }

    private HistoryEstimates(List<DurationSample> samples, Duration defaultPrior) {
        this.samples = List.copyOf(samples);
        this.defaultPriorMillis = Math.max(1, defaultPrior.toMillis());
        this.speeds = SpeedFactors.learn(this.samples);
        Map<String, Map<String, List<DurationSample>>> grouped = new HashMap<>();
        for (DurationSample s : this.samples) {
            grouped.computeIfAbsent(s.suite(), k -> new HashMap<>()).computeIfAbsent(s.taskId(), k -> new ArrayList<>())
                    .add(s);
        }
        Map<String, Map<String, Known>> known = new HashMap<>();
        Map<String, Double> priors = new HashMap<>();
        grouped.forEach((suite, bySuite) -> {
            Map<String, Known> suiteTasks = new HashMap<>();
            bySuite.forEach((taskId, classes) -> suiteTasks.put(taskId, known(classes)));
            known.put(suite, Map.copyOf(suiteTasks));
            priors.put(suite, median(suiteTasks.values().stream().mapToDouble(Known::referenceMillis).toArray()));
        });
        this.tasks = Map.copyOf(known);
        this.suitePriors = Map.copyOf(priors);
    }

    /** Nothing learned yet: every task gets {@link #DEFAULT_PRIOR}. */
    public static HistoryEstimates prior() {
        return PRIOR_ONLY;
    }

    /** Learns from {@code samples}; several for one suite, task and class are merged (see {@link #with}). */
    public static HistoryEstimates of(Collection<DurationSample> samples) {
        return of(samples, DEFAULT_PRIOR);
    }

    /** As {@link #of(Collection)}, with {@code defaultPrior} for tasks of suites with no history. */
    public static HistoryEstimates of(Collection<DurationSample> samples, Duration defaultPrior) {
        return new HistoryEstimates(merge(List.of(), samples), defaultPrior);
    }

    /**
     * A new snapshot that has also learned {@code more} (finished attempts, say, each a sample of count 1);
     * this one is unchanged. A key already known takes the count-weighted mean of its old median and the
     * new durations: not a median any more, but the aggregator's next answer replaces it.
     */
    public HistoryEstimates with(Collection<DurationSample> more) {
        return new HistoryEstimates(merge(samples, more), Duration.ofMillis(defaultPriorMillis));
    }

    @Override
    public long expectedMillis(String suite, TaskSpec spec, String hwClass) {
        Map<String, Known> suiteTasks = tasks.get(suite);
        Known task = suiteTasks == null ? null : suiteTasks.get(spec.id());
        if (task != null) {
            Long seen = task.byClass().get(SpeedFactors.classKey(hwClass));
            return atLeastOne(seen != null ? seen : task.referenceMillis() * speeds.of(hwClass));
        }
        Double typical = suitePriors.get(suite);
        double prior = typical != null ? typical : defaultPriorMillis;
        if (spec.timeout() != null && spec.timeout().toMillis() > 0) {
            prior = Math.min(prior, spec.timeout().toMillis());
        }
        return atLeastOne(prior * speeds.of(hwClass));
    }

    /** The speed factors this snapshot learned. */
    public SpeedFactors speeds() {
        return speeds;
    }

    /** The samples it learned from, one per suite, task and class. */
    public List<DurationSample> samples() {
        return samples;
    }

    private Known known(List<DurationSample> classes) {
        Map<String, Long> byClass = new HashMap<>();
        double weightedLogs = 0;
        long weights = 0;
        for (DurationSample s : classes) {
            byClass.put(SpeedFactors.classKey(s.hwClass()), s.millis());
            weightedLogs += s.count() * Math.log(Math.max(1, s.millis()) / speeds.of(s.hwClass()));
            weights += s.count();
        }
        return new Known(Map.copyOf(byClass), Math.exp(weightedLogs / weights));
    }

    /** {@code more} merged into {@code base}, one sample per key: counts add, durations average by count. */
    private static List<DurationSample> merge(List<DurationSample> base, Collection<DurationSample> more) {
        Map<List<String>, DurationSample> byKey = new LinkedHashMap<>();
        for (DurationSample s : base) {
            byKey.put(key(s), s);
        }
        for (DurationSample s : more) {
            byKey.merge(key(s), s, (a, b) -> new DurationSample(a.suite(), a.taskId(), a.hwClass(),
                    a.count() + b.count(), Math.round(((double) a.millis() * a.count() + (double) b.millis() * b.count())
                            / (a.count() + b.count()))));
        }
        return new ArrayList<>(byKey.values());
    }

    private static List<String> key(DurationSample s) {
        return List.of(s.suite(), s.taskId(), SpeedFactors.classKey(s.hwClass()));
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static long atLeastOne(double millis) {
        return Math.max(1, Math.round(millis));
    }

    @Override
    public String toString() {
        return "HistoryEstimates[" + samples.size() + " samples, " + tasks.size() + " suites, " + speeds + "]";
    }
}
