package io.dtf.requirements;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers with optional units, as written in requirements and parameters: {@code 16GiB},
 * {@code 512 MB}, {@code 8}, {@code 2.5k}. Binary units are powers of 1024, decimal ones of 1000.
 */
public final class Quantity {
    private static final Pattern NUMBER = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1_000L), Map.entry("kb", 1_000L), Map.entry("kib", 1L << 10),
            Map.entry("m", 1_000_000L), Map.entry("mb", 1_000_000L), Map.entry("mib", 1L << 20),
            Map.entry("g", 1_000_000_000L), Map.entry("gb", 1_000_000_000L), Map.entry("gib", 1L << 30),
            Map.entry("t", 1_000_000_000_000L), Map.entry("tb", 1_000_000_000_000L), Map.entry("tib", 1L << 40));

    private Quantity() {
    }

    /** The value of {@code text} in base units, or empty when it is not a number with a known unit. */
    public static Optional<BigDecimal> parse(String text) {
        Matcher m = NUMBER.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        Long factor = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (factor == null) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)));
    }

    /** Whether {@code text} is a number followed by letters (so a bad unit can be reported as such). */
    public static boolean looksNumeric(String text) {
        return NUMBER.matcher(text.trim()).matches();
    }

    /** Bytes for people: 17179869184 -> "16 GiB". */
    public static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = 0;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[i];
    }
}
