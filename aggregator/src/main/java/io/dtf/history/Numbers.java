package io.dtf.history;

import java.util.function.Function;

/** Sample values as plain decimal numbers: no NaN, infinities, hexadecimal or Java suffixes. */
final class Numbers {
    private Numbers() {
    }

    static double parseFinite(String text, Function<String, RuntimeException> error) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                throw error.apply("'" + shorten(text) + "' is not a number");
            }
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error.apply("'" + shorten(text) + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw error.apply("'" + shorten(text) + "' is out of range");
        }
        return value;
    }

    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
