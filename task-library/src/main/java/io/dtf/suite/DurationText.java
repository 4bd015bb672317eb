package io.dtf.suite;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as a suite (and the command line) writes them: {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 2h}, {@code 1d}, units combined largest first ({@code 1h30m}, {@code 2m30s}), or ISO-8601
 * ({@code PT30S}).
 *
 * <pre>{@code
 * Duration d = DurationText.parse("1h30m").orElseThrow();   // PT1H30M
 * String s = DurationText.format(Duration.ofSeconds(90));  // "90s"
 * }</pre>
 */
public final class DurationText {
    /** The hint an error message gives. */
    public static final String EXAMPLES = "write e.g. 500ms, 30s, 10m, 1h30m, 2h";
    private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)\\s*");
    /** Units from the largest: in a combined duration each comes after every larger one, at most once. */
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");

    private DurationText() {
    }

    /** The duration {@code text} names, or empty when it names none. */
    public static Optional<Duration> parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(s.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int position = 0;
        int lastUnit = -1;
        while (position < s.length()) {
            if (!m.find(position) || m.start() != position) {
                return Optional.empty();
            }
            int unit = UNITS.indexOf(m.group(2));
            if (unit <= lastUnit) {
                return Optional.empty(); // 30s1m or 1m1m: not a duration anyone means
            }
            lastUnit = unit;
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            position = m.end();
        }
        return lastUnit < 0 ? Optional.empty() : Optional.of(total);
    }

    /** The shortest exact form in the suite notation: 90s stays 90s, 120s becomes 2m. */
    public static String format(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
