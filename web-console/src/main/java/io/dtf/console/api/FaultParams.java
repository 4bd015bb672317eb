package io.dtf.console.api;

import io.dtf.model.FaultQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query string of {@code GET /api/faults} read into a {@link FaultQuery}: {@code runs=20} (the latest
 * runs; the default when nothing is given), or {@code since} and/or {@code until} (an ISO instant such as
 * {@code 2025-03-01T00:00:00Z}; {@code since} also takes an age such as {@code 30m}, {@code 24h}, {@code 7d}),
 * and {@code limit} (rows per list). Anything else is refused naming the parameter and what it takes.
 */
public final class FaultParams {
    /** Longer than any value these parameters take: a longer one is refused unread. */
    private static final int MAX_LENGTH = 40;
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([mhd])");

    private FaultParams() {
    }

    /**
     * @param now the instant an age in {@code since} counts back from
     */
    public static FaultQuery read(String runs, String since, String until, String limit, Instant now) {
        Integer runCount = runs == null ? null : number("runs", runs, 1, FaultQuery.MAX_RUNS);
        Instant from = since == null ? null : since(since, now);
        Instant to = until == null ? null : instant("until", until);
        if (runCount != null && (from != null || to != null)) {
            throw ApiException.badRequest("runs", "runs: give either runs or a time window (since, until), not both");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.badRequest("until", "until: " + to + " is not after since (" + from + ")");
        }
        int rows = limit == null ? FaultQuery.DEFAULT_LIMIT : number("limit", limit, 1, FaultQuery.MAX_LIMIT);
        if (runCount == null && from == null && to == null) {
            runCount = FaultQuery.DEFAULT_RUNS;
        }
        return new FaultQuery(from, to, runCount, rows);
    }

    private static Instant since(String value, Instant now) {
        Matcher age = AGE.matcher(bounded("since", value));
        if (!age.matches()) {
            return instant("since", value);
        }
        long amount = Long.parseLong(age.group(1));
        Duration back = switch (age.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return now.minus(back);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(bounded(field, value));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + ": '" + value + "' is not an instant; give one such as "
                    + "2025-03-01T00:00:00Z" + ("since".equals(field) ? ", or an age such as 30m, 24h or 7d" : ""));
        }
    }

    private static int number(String field, String value, int min, int max) {
        try {
            int n = Integer.parseInt(bounded(field, value));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(field, field + ": give a whole number from " + min + " to " + max);
    }

    private static String bounded(String field, String value) {
        if (value.length() > MAX_LENGTH) {
            throw ApiException.badRequest(field, field + ": at most " + MAX_LENGTH + " characters");
        }
        return value.trim();
    }
}
