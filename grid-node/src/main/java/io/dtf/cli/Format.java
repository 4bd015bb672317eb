package io.dtf.cli;

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

    /** {@code throughput=512.3 MB/s iteration_time=2.1 ms}: each metric's mean. */
    static String metrics(List<Metric> metrics) {
        return metrics.stream().map(m -> m.name() + "=" + number(m.mean()) + (m.unit().isEmpty() ? "" : " " + m.unit()))
                .collect(Collectors.joining(" "));
    }
}
