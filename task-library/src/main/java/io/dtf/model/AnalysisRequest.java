package io.dtf.model;

import java.util.List;

/**
 * What {@code dtf analyze} asks of a results database: which series, and the report's format.
 *
 * @param run    only series that have this run, with it as their latest; null for every series
 * @param format {@code json}, {@code md} or {@code html} (docs/ANALYSIS-FORMAT.md)
 */
public record AnalysisRequest(String run, String format) {
    public static final List<String> FORMATS = List.of("json", "md", "html");

    public AnalysisRequest {
        format = format == null ? "json" : format;
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("format: '" + format + "' is not one of " + String.join(", ", FORMATS));
        }
        if (run != null && run.isBlank()) {
            throw new IllegalArgumentException("run: give a run id, or none for every series");
        }
    }
}
