package io.dtf.ci.surefire;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an {@code argLine} into JVM arguments as a shell would for Surefire's fork: at unquoted
 * white space, with single or double quotes grouping (and removed), e.g.
 * {@code -Xmx1g "-Dgreeting=hello world"} gives {@code [-Xmx1g, -Dgreeting=hello world]}.
 */
public final class ArgLine {
    private ArgLine() {
    }

    public static List<String> split(String argLine) {
        List<String> args = new ArrayList<>();
        if (argLine == null) {
            return args;
        }
        StringBuilder current = new StringBuilder();
        boolean inArg = false;
        char quote = 0;
        for (int i = 0; i < argLine.length(); i++) {
            char c = argLine.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("argLine: a " + quote + " quote is not closed in: " + argLine);
        }
        if (inArg) {
            args.add(current.toString());
        }
        return args;
    }
}
