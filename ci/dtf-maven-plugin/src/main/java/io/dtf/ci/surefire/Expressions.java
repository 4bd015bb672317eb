package io.dtf.ci.surefire;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands what Maven leaves in a plugin's raw configuration for the plugin to evaluate: {@code ${name}}
 * (evaluated when the mojo runs, so a property another plugin set earlier in the build, such as
 * JaCoCo's {@code argLine}, counts) and Surefire's late {@code @{name}}. As under Surefire, an expression
 * naming no known property is left as written, and {@code ${surefire.forkNumber}} is the first fork's, 1.
 */
final class Expressions {
    private static final Pattern EXPRESSION = Pattern.compile("([$@])\\{([^}]+)}");
    private static final String FORK_NUMBER = "surefire.forkNumber";
    private static final String THREAD_NUMBER = "surefire.threadNumber";

    private Expressions() {
    }

    /** {@code text} with every expression whose property {@code properties} knows replaced by its value. */
    static String expand(String text, Function<String, String> properties) {
        if (text == null) {
            return null;
        }
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).strip();
            String value = name.equals(FORK_NUMBER) || name.equals(THREAD_NUMBER) ? "1" : properties.apply(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
