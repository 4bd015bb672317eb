package io.dtf.cli;

import io.dtf.benchmark.BenchmarkHarness;
import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small renderings shared by the commands. */
final class Format {
    private Format() {
    }

    static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        return s < 10 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    static double seconds(TaskResult r) {
        if (r.startedAt() == null || r.endedAt() == null) {
            return Double.NaN;
        }
        return Duration.between(r.startedAt(), r.endedAt()).toNanos() / 1e9;
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return a >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v)
                .replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Marks a benchmark result whose measured iterations still trended. */
    static final String UNSTEADY = "[unsteady]";

    /**
     * {@code throughput=512.3 MB/s iteration_time=2.1 ms}: each metric's mean, then {@link #UNSTEADY}
     * (with how many of the pooled results were, when more than one) if a result still trended.
     */
    static String metrics(List<Metric> metrics) {
        String means = metrics.stream().filter(m -> !BenchmarkHarness.MEASUREMENT_FACTS.contains(m.name()))
                .map(m -> m.name() + "=" + number(m.mean()) + (m.unit().isEmpty() ? "" : " " + m.unit()))
                .collect(Collectors.joining(" "));
        List<Double> steady = metrics.stream().filter(m -> m.name().equals(BenchmarkHarness.STEADY))
                .flatMap(m -> m.samples().stream()).toList();
        long unsteady = steady.stream().filter(v -> v == 0).count();
        if (unsteady == 0) {
            return means;
        }
        return means + " " + UNSTEADY + (steady.size() > 1 ? " (" + unsteady + " of " + steady.size() + ")" : "");
    }
}
