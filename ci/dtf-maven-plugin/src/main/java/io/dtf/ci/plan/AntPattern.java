package io.dtf.ci.plan;

import java.util.regex.Pattern;

/**
 * A path pattern in Ant's syntax, as Surefire's includes use it: {@code **} any number of
 * directories, {@code *} any characters within one name, {@code ?} one character. Paths use
 * {@code /}; matching is case-sensitive, as Surefire's.
 */
final class AntPattern {
    private AntPattern() {
    }

    /** The regular expression that matches exactly what {@code pattern} matches. */
    static Pattern compile(String pattern) {
        String[] segments = pattern.split("/", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            if (segments[i].equals("**")) {
                regex.append(last ? ".*" : "(?:[^/]*/)*");
            } else {
                regex.append(glob(segments[i], "[^/]"));
                if (!last) {
                    regex.append('/');
                }
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** A glob within one name ({@code *} and {@code ?}), e.g. a method name pattern. */
    static Pattern compileName(String glob) {
        return Pattern.compile(glob(glob, "."));
    }

    private static String glob(String glob, String anyChar) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(anyChar).append(c == '*' ? "*" : "");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }
}
