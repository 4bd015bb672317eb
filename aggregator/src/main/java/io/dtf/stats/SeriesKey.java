package io.dtf.stats;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes measurements comparable: the same benchmark with the same parameters, the same
 * metric, on the same hardware class, in the same context (JVM, branch, ... when known).
 */
public record SeriesKey(String benchmark, Map<String, String> params, String metric, String unit, String hardware,
                        Map<String, String> context) {
    public SeriesKey {
        // Sorted and fixed: a key prints the same way in every run of the analysis.
        params = params == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
        context = context == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(context));
        unit = unit == null ? "" : unit;
    }
}
