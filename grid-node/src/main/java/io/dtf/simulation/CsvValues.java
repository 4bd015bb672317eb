package io.dtf.simulation;

import java.util.Locale;

/** Typed fields of a {@link CsvFile.Row}; each refusal names the field, its value, and what to write. */
final class CsvValues {
    private CsvValues() {
    }

    /** The field's text; {@code fallback} when it is absent or empty (null: the field is required). */
    static String text(CsvFile.Row row, int index, String name, String fallback) throws InputException {
        CsvFile.Field f = row.field(index);
        if (f == null || f.text().isEmpty()) {
            if (fallback == null) {
                throw row.error(index, name, "missing; every line needs a " + name);
            }
            return fallback;
        }
        return f.text();
    }

    static long integer(CsvFile.Row row, int index, String name, long min, long max, Long fallback)
            throws InputException {
        String text = text(row, index, name, fallback == null ? null : fallback.toString());
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw row.error(index, name, "'" + CsvFile.abbreviated(text) + "' is not a whole number; write one"
                    + " from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw row.error(index, name, value + " is out of range; write a whole number from " + min + " to " + max);
        }
        return value;
    }

    static double decimal(CsvFile.Row row, int index, String name, double min, double max) throws InputException {
        String text = text(row, index, name, null);
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= min && value <= max) || text.toLowerCase(Locale.ROOT).matches(".*[a-z].*")) {
            throw row.error(index, name, "'" + CsvFile.abbreviated(text) + "' is not a number from " + min + " to "
                    + max + "; write e.g. 1.5");
        }
        return value;
    }

    static boolean bool(CsvFile.Row row, int index, String name) throws InputException {
        String text = text(row, index, name, "false").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw row.error(index, name, "'" + CsvFile.abbreviated(text) + "' is not true or false");
        };
    }
}
