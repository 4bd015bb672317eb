package io.dtf.report;

import io.dtf.stats.SeriesKey;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the reports name series and print numbers. */
final class Labels {
    private Labels() {
    }

    /** {@code copy [size=1M, threads=4]}. */
    static String benchmark(SeriesKey key) {
        return key.benchmark() + (key.params().isEmpty() ? "" : " [" + pairs(key.params()) + "]");
    }

    /** {@code throughput (MB/s) on x86 / branch=main}. */
    static String measure(SeriesKey key) {
        return key.metric() + (key.unit().isEmpty() ? "" : " (" + key.unit() + ")") + " on " + key.hardware()
                + (key.context().isEmpty() ? "" : " / " + pairs(key.context()));
    }

    static String pairs(Map<String, String> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** A signed percentage, {@code +12.3%}; a dash when unknown. */
    static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%+.1f%%", value) : "-";
    }

    /** A p-value to three significant figures. */
    static String p(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3g", value) : "-";
    }

    /** A measured value to four significant figures. */
    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "-";
    }
}
