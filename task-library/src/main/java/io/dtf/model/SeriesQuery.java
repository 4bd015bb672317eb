package io.dtf.model;

import java.util.List;

/**
 * Which stored series a reader wants ({@code AggregatorApi.series}, {@code GET /api/series}): every
 * filter is optional and they all hold together; the answer is a {@link SeriesPage}, series sorted by
 * benchmark, params, metric, unit, hardware class and context.
 *
 * @param search    only series whose benchmark, metric or a parameter value contains this text (any case)
 * @param hardware  only this hardware class (exactly)
 * @param verdict   only series whose latest verdict is this: {@code REGRESSION}, {@code IMPROVEMENT},
 *                  {@code SAME} or {@code UNKNOWN}
 * @param attention only series that need attention (a regression, a recent change point, drift the wrong way)
 * @param limit     at most this many series: 1 to {@link #MAX_LIMIT}
 * @param offset    skip this many matching series first: 0 or more
 */
public record SeriesQuery(String search, String hardware, String verdict, boolean attention, int limit, int offset) {
    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 100;
    /** The longest {@code search} or {@code hardware} text accepted. */
    public static final int MAX_TEXT = 200;
    public static final List<String> VERDICTS = List.of("REGRESSION", "IMPROVEMENT", "SAME", "UNKNOWN");

    public SeriesQuery {
        search = blankToNull(search, "search");
        hardware = blankToNull(hardware, "hardware");
        verdict = blankToNull(verdict, "verdict");
        if (verdict != null && !VERDICTS.contains(verdict)) {
            throw new IllegalArgumentException("verdict: '" + verdict + "' is not one of " + String.join(", ", VERDICTS));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " is negative; give 0 or more");
        }
    }

    /** Every series, the first {@value #DEFAULT_LIMIT}. */
    public static SeriesQuery all() {
        return new SeriesQuery(null, null, null, false, DEFAULT_LIMIT, 0);
    }

    private static String blankToNull(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + ": " + text.length() + " characters; give at most " + MAX_TEXT);
        }
        return text.strip();
    }
}
