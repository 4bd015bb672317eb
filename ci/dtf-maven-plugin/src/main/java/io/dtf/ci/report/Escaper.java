package io.dtf.ci.report;

/**
 * Makes any Java string fit for one report format, and clips it to a byte budget with a note.
 *
 * <p>Test output is hostile input: it may hold NUL and other control characters, lone surrogates
 * (a stream cut in the middle of a pair), {@code ]]>} or {@code <script>}. Characters that XML 1.0
 * cannot hold at all (controls other than tab, newline and carriage return, unpaired surrogates,
 * U+FFFE and U+FFFF) are written as the visible text {@code \}{@code uXXXX} in every format, so that
 * each report shows the same thing; markup characters are escaped as the format needs. Escaped
 * text never needs CDATA, so {@code ]]>} is harmless.
 */
enum Escaper {
    /** XML element text: {@code & < >} escaped ({@code >} too, so {@code ]]>} cannot appear). */
    XML_TEXT,
    /** XML attribute value in double quotes; tab and line breaks kept as character references. */
    XML_ATTRIBUTE,
    /** HTML element text or a double-quoted attribute value. */
    HTML,
    /** No markup escaped, only the characters XML cannot hold (JSON, Markdown inside code). */
    PLAIN;

    /** What a clipped text ends (or starts) with; N is the count of bytes of UTF-8 left out. */
    static final String NOTE = "[truncated by DTF: %d bytes]";

    /** The most a note with its line break can take, whatever N. */
    static final int NOTE_MAX_BYTES = String.format(NOTE, Long.MAX_VALUE).length() + "&#10;".length();

    /** How far a cut may move back to the last line break, so that kept text starts or ends whole lines. */
    private static final int LINE_SLACK = 240;

    String escape(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        int first = 0;
        while (first < s.length() && !mayNeedWork(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); ) {
            int cp = s.codePointAt(i);
            append(out, cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** The UTF-8 size of {@code s} once escaped. */
    long escapedBytes(String s) {
        if (s == null) {
            return 0;
        }
        long total = 0;
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c < 0x80 && !mayNeedWork(c)) {
                total++;
                i++;
            } else {
                int cp = s.codePointAt(i);
                total += cost(cp);
                i += Character.charCount(cp);
            }
        }
        return total;
    }

    /** False for the characters every format keeps as they are (the common case, checked first). */
    private static boolean mayNeedWork(char c) {
        return c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\''
                || Character.isSurrogate(c) || c >= 0xFFFE;
    }

    /**
     * {@code s} escaped, keeping its beginning within {@code maxBytes} bytes of escaped UTF-8; when
     * something was cut, a line with the note follows (the note is not counted in maxBytes).
     */
    String head(String s, long maxBytes) {
        if (s == null || escapedBytes(s) <= maxBytes) {
            return escape(s);
        }
        int end = 0;
        long used = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            long cost = cost(cp);
            if (used + cost > maxBytes) {
                break;
            }
            used += cost;
            end += Character.charCount(cp);
        }
        int lineEnd = s.lastIndexOf('\n', end - 1);
        if (lineEnd >= 0 && end - lineEnd <= LINE_SLACK) {
            end = lineEnd + 1;
        }
        return escape(s.substring(0, end)) + escape("\n") + String.format(NOTE, utf8Bytes(s, end, s.length()));
    }

    /** Like {@link #head} but keeps the end of {@code s}, the note first: for output tails. */
    String tail(String s, long maxBytes) {
        if (s == null || escapedBytes(s) <= maxBytes) {
            return escape(s);
        }
        int start = s.length();
        long used = 0;
        while (start > 0) {
            int cp = s.codePointBefore(start);
            long cost = cost(cp);
            if (used + cost > maxBytes) {
                break;
            }
            used += cost;
            start -= Character.charCount(cp);
        }
        int lineStart = start == 0 ? -1 : s.indexOf('\n', start - 1);
        if (lineStart >= 0 && lineStart + 1 - start <= LINE_SLACK) {
            start = lineStart + 1;
        }
        return String.format(NOTE, utf8Bytes(s, 0, start)) + escape("\n") + escape(s.substring(start));
    }

    /** The size of one clipped text at most, as {@link #head} and {@link #tail} produce it. */
    static long clippedBytes(long fullBytes, long maxBytes) {
        return fullBytes <= maxBytes ? fullBytes : maxBytes + NOTE_MAX_BYTES;
    }

    private static boolean allowedInXml(int cp) {
        return cp == '\t' || cp == '\n' || cp == '\r'
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || cp >= 0x10000;
    }

    private String replacement(int cp) {
        if (!allowedInXml(cp)) {
            return String.format("\\u%04X", cp);
        }
        return switch (this) {
            case XML_TEXT -> switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            case XML_ATTRIBUTE -> switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\t' -> "&#9;";
                case '\n' -> "&#10;";
                case '\r' -> "&#13;";
                default -> null;
            };
            case HTML -> switch (cp) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            case PLAIN -> null;
        };
    }

    private void append(StringBuilder out, int cp) {
        String replaced = replacement(cp);
        if (replaced != null) {
            out.append(replaced);
        } else {
            out.appendCodePoint(cp);
        }
    }

    private long cost(int cp) {
        if (cp < 0x80 && !mayNeedWork((char) cp)) {
            return 1;
        }
        String replaced = replacement(cp);
        return replaced != null ? replaced.length() : utf8Size(cp);
    }

    private static int utf8Size(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static long utf8Bytes(String s, int from, int to) {
        long total = 0;
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            total += utf8Size(cp);
            i += Character.charCount(cp);
        }
        return total;
    }
}
