package io.dtf.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * A run's time as ISO 8601: with an offset ({@code 2024-05-01T10:00:00Z}, {@code +02:00}), or
 * without one, read as UTC ({@code 2024-05-01T10:00:00}, {@code 2024-05-01 10:00:00}, {@code 2024-05-01}),
 * or whole seconds since the epoch.
 */
final class Timestamps {
    private Timestamps() {
    }

    static Instant parse(String text, Function<String, RuntimeException> error) {
        try {
            if (text.chars().allMatch(Character::isDigit) && text.length() <= 12) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            if (iso.length() == 10) {
                return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(iso).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw error.apply("'" + Numbers.shorten(text) + "' is not a timestamp (use ISO 8601, e.g. 2024-05-01T10:00:00Z)");
        }
    }
}
