package io.dtf.console.api;

import io.dtf.model.AnalysisRequest;
import io.dtf.model.SeriesQuery;
import io.javalin.http.Context;
import java.util.Locale;

/** Reads and bounds the query parameters of the results routes; every refusal names its parameter. */
final class ResultParams {
    /** The longest run id accepted ({@code base}, {@code head}, {@code run}). */
    static final int MAX_RUN = 200;
    static final int MAX_OFFSET = 1_000_000;

    private ResultParams() {
    }

    /** {@code search, hardware, verdict, attention, limit, offset}, each optional. */
    static SeriesQuery seriesQuery(Context ctx) {
        String search = text(ctx, "search", SeriesQuery.MAX_TEXT);
        String hardware = text(ctx, "hardware", SeriesQuery.MAX_TEXT);
        String verdict = text(ctx, "verdict", 20);
        if (verdict != null) {
            verdict = verdict.toUpperCase(Locale.ROOT);
            if (!SeriesQuery.VERDICTS.contains(verdict)) {
                throw ApiException.badRequest("verdict", "verdict: '" + verdict + "' is not one of "
                        + String.join(", ", SeriesQuery.VERDICTS));
            }
        }
        boolean attention = bool(ctx, "attention");
        int limit = integer(ctx, "limit", SeriesQuery.DEFAULT_LIMIT, 1, SeriesQuery.MAX_LIMIT);
        int offset = integer(ctx, "offset", 0, 0, MAX_OFFSET);
        return new SeriesQuery(search, hardware, verdict, attention, limit, offset);
    }

    /** {@code run} and {@code format} as {@code dtf analyze} takes them. */
    static AnalysisRequest analysisRequest(Context ctx) {
        String run = run(ctx, "run", false);
        String format = text(ctx, "format", 10);
        if (format != null && !AnalysisRequest.FORMATS.contains(format)) {
            throw ApiException.badRequest("format", "format: '" + format + "' is not one of "
                    + String.join(", ", AnalysisRequest.FORMATS));
        }
        return new AnalysisRequest(run, format);
    }

    /** A run id: 1 to {@value #MAX_RUN} characters, no control characters. */
    static String run(Context ctx, String name, boolean required) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiException.badRequest(name, name + ": give a run id, e.g. ?" + name + "=nightly-42");
            }
            return null;
        }
        if (value.length() > MAX_RUN || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(name, name + ": a run id has 1 to " + MAX_RUN
                    + " characters and no control characters");
        }
        return value;
    }

    private static String text(Context ctx, String name, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(name, name + ": at most " + max + " characters, no control characters");
        }
        return value.strip();
    }

    private static boolean bool(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest(name, name + ": '" + shorten(value) + "' is not true or false");
        };
    }

    private static int integer(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name, name + ": '" + shorten(value) + "' is not a whole number from " + min
                + " to " + max);
    }

    private static String shorten(String value) {
        String clean = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
