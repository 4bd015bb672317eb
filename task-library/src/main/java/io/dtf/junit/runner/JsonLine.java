package io.dtf.junit.runner;

/**
 * One JSON object on one line, of string, number and boolean fields; null values are left out.
 * Written by hand on purpose: the runner runs on the project's class path, which must not get a
 * JSON library of ours (it may have its own, of another version).
 */
final class JsonLine {
    private final StringBuilder json = new StringBuilder("{");

    JsonLine put(String name, String value) {
        if (value != null) {
            key(name);
            quote(value);
        }
        return this;
    }

    JsonLine put(String name, long value) {
        key(name);
        json.append(value);
        return this;
    }

    JsonLine put(String name, boolean value) {
        key(name);
        json.append(value);
        return this;
    }

    /** The object, without a line break. */
    @Override
    public String toString() {
        return json + "}";
    }

    private void key(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        quote(name);
        json.append(':');
    }

    private void quote(String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        // Control characters must be escaped; a lone surrogate is not valid UTF-8, so it goes escaped too.
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
