package io.dtf.console.machines;

import io.dtf.model.RunView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the grid's runs every {@link #EVERY} (and when asked for fresher numbers) and keeps
 * {@link #WINDOW} of samples, from which it tells the grid's throughput and each active run's pace
 * and ETA. The grid keeps only each run's counts now, so a pace needs two looks some time apart.
 *
 * <pre>{@code
 * ProgressSampler sampler = new ProgressSampler(() -> live.runs(query).items(), Clock.systemUTC());
 * sampler.start();
 * Progress p = sampler.progress(Duration.ofSeconds(2));   // samples again when the last one is older
 * }</pre>
 */
public final class ProgressSampler implements AutoCloseable {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration RATE_WINDOW = Duration.ofMinutes(5);
    public static final Duration EVERY = Duration.ofSeconds(10);
    /** The newest runs each sample reads. */
    public static final int MAX_RUNS = 200;
    /** A pace measured over less than this is noise: the run's average since submission is used instead. */
    private static final Duration MIN_SPAN = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(ProgressSampler.class);

    /** One look at the runs: each one's finished tasks, and how many finished since the previous look. */
    private record Sample(Instant at, List<RunView> runs, Map<String, Integer> done, int finished) {
    }

    private final Supplier<List<RunView>> runs;
    private final Clock clock;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private ScheduledExecutorService timer;

    /**
     * @param runs the grid's newest runs (at most {@link #MAX_RUNS}); throws when they cannot be read
     *             (no coordinator), and the sample is skipped
     */
    public ProgressSampler(Supplier<List<RunView>> runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** Samples every {@link #EVERY} on a daemon thread of its own until {@link #close()}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dtf-console-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                LOG.debug("could not read the grid's runs; trying again in {}", EVERY, e);
            }
        }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The progress, sampled again first when the last sample is older than {@code maxAge}. */
    public synchronized Progress progress(Duration maxAge) {
        Sample last = samples.peekLast();
        if (last == null || last.at().isBefore(clock.instant().minus(maxAge))) {
            try {
                sample();
            } catch (RuntimeException e) {
                LOG.debug("could not read the grid's runs; answering from the last sample", e);
                if (samples.isEmpty()) {
                    return new Progress(clock.instant(), List.of(), List.of(), null, null, List.of());
                }
            }
        }
        return compute();
    }

    /** Reads the runs once. */
    public synchronized void sample() {
        Instant now = clock.instant();
        List<RunView> read = runs.get().stream().limit(MAX_RUNS).toList();
        Sample previous = samples.peekLast();
        Map<String, Integer> done = new HashMap<>();
        int finished = 0;
        for (RunView r : read) {
            done.put(r.runId(), r.done());
            Integer before = previous == null ? null : previous.done().get(r.runId());
            if (before != null) {
                finished += Math.max(0, r.done() - before);
            } else if (previous != null && r.submittedAt() != null && r.submittedAt().isAfter(previous.at())) {
                finished += r.done(); // a run submitted since the last look: all it finished is new
            }
        }
        samples.addLast(new Sample(now, read, done, finished));
        while (samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
            samples.pollFirst();
        }
    }

    private Progress compute() {
        Sample last = samples.peekLast();
        Instant now = last.at();
        List<Sample> recent = samples.stream().filter(s -> !s.at().isBefore(now.minus(RATE_WINDOW))).toList();
        Double perMinute = null;
        Long rateSeconds = null;
        Duration span = Duration.between(recent.get(0).at(), now);
        if (recent.size() >= 2 && !span.isZero()) {
            int finished = recent.stream().skip(1).mapToInt(Sample::finished).sum();
            perMinute = finished * 60_000.0 / span.toMillis();
            rateSeconds = span.toSeconds();
        }
        List<RunEta> active = new ArrayList<>();
        for (RunView r : last.runs()) {
            if (r.endedAt() == null && !r.isDone()) {
                active.add(eta(r, recent, now));
            }
        }
        return new Progress(now, last.runs(), active, perMinute, rateSeconds, perMinuteSeries(now));
    }

    /** A run's pace over the recent samples that saw it, else its average since it was submitted. */
    private static RunEta eta(RunView r, List<Sample> recent, Instant now) {
        Double perSecond = null;
        for (Sample s : recent) {
            Integer before = s.done().get(r.runId());
            Duration span = Duration.between(s.at(), now);
            if (before != null && span.compareTo(MIN_SPAN) >= 0 && r.done() > before) {
                perSecond = (r.done() - before) * 1000.0 / span.toMillis();
                break;
            }
        }
        if (perSecond == null && r.done() > 0 && r.submittedAt() != null) {
            long millis = Duration.between(r.submittedAt(), now).toMillis();
            perSecond = millis <= 0 ? null : r.done() * 1000.0 / millis;
        }
        Long eta = perSecond == null ? null : Math.round((r.total() - r.done()) / perSecond);
        return new RunEta(r.runId(), r.suite(), r.owner(), r.submittedAt(), r.total(), r.done(), r.counts(),
                perSecond == null ? null : perSecond * 60, eta);
    }

    /** Finished tasks per minute, each minute from the oldest sample's to now. */
    private List<ThroughputPoint> perMinuteSeries(Instant now) {
        Map<Instant, Integer> byMinute = new TreeMap<>();
        Iterator<Sample> it = samples.iterator();
        Instant first = samples.peekFirst().at().truncatedTo(ChronoUnit.MINUTES);
        for (Instant m = first; !m.isAfter(now); m = m.plus(Duration.ofMinutes(1))) {
            byMinute.put(m, 0);
        }
        while (it.hasNext()) {
            Sample s = it.next();
            byMinute.merge(s.at().truncatedTo(ChronoUnit.MINUTES), s.finished(), Integer::sum);
        }
        return byMinute.entrySet().stream().map(e -> new ThroughputPoint(e.getKey(), e.getValue())).toList();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
