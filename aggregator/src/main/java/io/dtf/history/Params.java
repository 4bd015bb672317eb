package io.dtf.history;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Benchmark parameters written as {@code k=v;k=v} (empty for none); keys and values are trimmed. */
final class Params {
    private Params() {
    }

    static SortedMap<String, String> parse(String text, Function<String, RuntimeException> error) {
        SortedMap<String, String> params = new TreeMap<>();
        if (text.isBlank()) {
            return Collections.unmodifiableSortedMap(params);
        }
        for (String pair : text.split(";", -1)) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                throw error.apply("'" + pair + "' is not key=value (params are written k=v;k=v)");
            }
            String key = pair.substring(0, eq).strip();
            if (params.put(key, pair.substring(eq + 1).strip()) != null) {
                throw error.apply("parameter '" + key + "' is given twice");
            }
        }
        return Collections.unmodifiableSortedMap(params);
    }
}
