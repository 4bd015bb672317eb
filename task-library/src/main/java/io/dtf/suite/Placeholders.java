package io.dtf.suite;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} placeholders in command arguments, environment values and working directories,
 * replaced by a task's parameter values. {@code $${name}} stands for a literal {@code ${name}}
 * (for a shell variable in {@code sh -c} text).
 */
final class Placeholders {
    private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");

    private Placeholders() {
    }

    /** The names {@code text} refers to, in order of first use. */
    static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** {@code text} with each placeholder replaced; every name must be in {@code values}. */
    static String substitute(String text, Map<String, String> values) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String replacement = m.group(1) == null ? "${" : values.get(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
