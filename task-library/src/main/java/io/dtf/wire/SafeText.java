package io.dtf.wire;

/**
 * Text from a suite or from the grid (names, ids, errors, output tails) made safe to print on a
 * terminal: control and format characters (escape sequences, carriage returns, bidirectional
 * overrides) are written as visible escapes such as <code>&#92;u001b</code>, so they can neither move the
 * cursor, recolour the screen, nor fake lines of output.
 *
 * <pre>{@code
 * System.out.println("task " + SafeText.line(result.taskId()));   // one line, whatever the id holds
 * System.out.print(SafeText.lines(result.stderrTail()));           // newlines and tabs kept
 * }</pre>
 */
public final class SafeText {
    private SafeText() {
    }

    /** {@code text} for one line: every control character escaped, newline and tab included; null stays null. */
    public static String line(String text) {
        return escape(text, false);
    }

    /** {@code text} as several lines: as {@link #line}, but newlines and tabs are kept. */
    public static String lines(String text) {
        return escape(text, true);
    }

    /** Whether {@link #line} would change {@code text}. */
    public static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** At most {@code max} characters of {@link #line}, with "..." and the full length when cut. */
    public static String abbreviated(String text, int max) {
        if (text == null) {
            return null;
        }
        String head = text.length() > max ? text.substring(0, max) : text;
        String safe = line(head);
        return text.length() > max ? safe + "... (" + text.length() + " characters)" : safe;
    }

    /**
     * Like {@link #abbreviated}, but {@code max} bounds the printable text itself, escapes included:
     * for quoting untrusted input in a message whose length must not depend on what the input holds.
     */
    public static String shortened(String text, int max) {
        if (text == null) {
            return null;
        }
        String safe = line(text.length() > max ? text.substring(0, max) : text);
        if (text.length() <= max && safe.length() <= max) {
            return safe;
        }
        return safe.substring(0, Math.min(max, safe.length())) + "... (" + text.length() + " characters)";
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null || isPlain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c) || keepLines && (c == '\n' || c == '\t')) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** C0 and C1 controls, DEL, format characters (bidi overrides, zero-width) and line separators. */
    private static boolean unsafe(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
