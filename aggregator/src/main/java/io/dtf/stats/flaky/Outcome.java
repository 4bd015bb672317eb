package io.dtf.stats.flaky;

import java.util.Map;
import java.util.TreeMap;

/** One execution of a test: where it ran and how it ended. {@code error} is null when it passed. */
public record Outcome(String test, String commit, String hardware, Map<String, String> attributes, boolean passed,
                      String error) {
    public Outcome {
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
