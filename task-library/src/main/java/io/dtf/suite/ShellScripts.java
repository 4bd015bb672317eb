package io.dtf.suite;

import io.dtf.model.CommandAction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in a script that a POSIX shell runs ({@code sh -c "..."}, {@code bash -ec "..."}):
 * there a parameter value would become shell syntax, so each {@code ${name}} is replaced by a
 * reference to the parameter's environment variable instead ({@link CommandAction#paramVariable}),
 * which the worker sets on every attempt. The shell then expands the variable, and an expanded
 * value is never parsed again: {@code $(id)}, backticks, {@code ;} and quotes in it stay text.
 *
 * <p>The reference is quoted for where it stands: {@code "${DTF_PARAM_X}"} outside quotes,
 * {@code ${DTF_PARAM_X}} inside double quotes, and {@code '"${DTF_PARAM_X}"'} inside single
 * quotes, so the value arrives verbatim, spaces and newlines included. Arguments no shell
 * interprets get the value itself.
 */
final class ShellScripts {
    /** Shells that take {@code -c SCRIPT} and expand {@code "${NAME}"} as POSIX says. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "yash");
    private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");

    private enum Quote { NONE, SINGLE, DOUBLE, COMMENT }

    private ShellScripts() {
    }

    /**
     * The index of the argument a shell runs as a script, or -1: the first operand after a shell's
     * options that include {@code -c}, wherever the shell appears ({@code env}, {@code timeout 5}
     * or {@code busybox} may come first).
     */
    static int scriptIndex(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            String program = argv.get(i).substring(argv.get(i).lastIndexOf('/') + 1);
            if (!SHELLS.contains(program)) {
                continue;
            }
            boolean command = false;
            for (int j = i + 1; j < argv.size(); j++) {
                String arg = argv.get(j);
                if (arg.equals("--")) {
                    return command && j + 1 < argv.size() ? j + 1 : -1;
                }
                if (arg.length() > 1 && (arg.startsWith("-") || arg.startsWith("+"))) {
                    if (arg.equals("-o") || arg.equals("+o") || arg.equals("-O") || arg.equals("+O")) {
                        j++; // takes an option name
                    } else if (!arg.startsWith("--") && arg.indexOf('c') > 0) {
                        command = true;
                    }
                    continue;
                }
                return command ? j : -1;
            }
            return -1;
        }
        return -1;
    }

    /** {@code script} with each placeholder replaced by a quoted reference to its variable. */
    static String substitute(String script, Map<String, String> values) {
        if (script.indexOf('$') < 0) {
            return script;
        }
        StringBuilder out = new StringBuilder(script.length() + 32);
        Quote quote = Quote.NONE;
        Matcher m = TOKEN.matcher(script);
        int i = 0;
        while (i < script.length()) {
            if (script.charAt(i) == '$' && m.region(i, script.length()).lookingAt()) {
                if (m.group(1) == null) {
                    out.append("${");
                } else if (!values.containsKey(m.group(1))) {
                    throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
                } else {
                    out.append(reference(CommandAction.paramVariable(m.group(1)), quote));
                }
                i = m.end();
                continue;
            }
            char c = script.charAt(i);
            out.append(c);
            switch (quote) {
                case NONE -> {
                    if (c == '\\' && i + 1 < script.length()) {
                        out.append(script.charAt(++i));
                    } else if (c == '\'') {
                        quote = Quote.SINGLE;
                    } else if (c == '"') {
                        quote = Quote.DOUBLE;
                    } else if (c == '#' && (i == 0 || " \t\n;&|()".indexOf(script.charAt(i - 1)) >= 0)) {
                        quote = Quote.COMMENT;
                    }
                }
                case SINGLE -> quote = c == '\'' ? Quote.NONE : quote;
                case DOUBLE -> {
                    if (c == '\\' && i + 1 < script.length()) {
                        out.append(script.charAt(++i));
                    } else if (c == '"') {
                        quote = Quote.NONE;
                    }
                }
                case COMMENT -> quote = c == '\n' ? Quote.NONE : quote;
            }
            i++;
        }
        return out.toString();
    }

    private static String reference(String variable, Quote quote) {
        return switch (quote) {
            case NONE -> "\"${" + variable + "}\"";
            case DOUBLE, COMMENT -> "${" + variable + "}";
            case SINGLE -> "'\"${" + variable + "}\"'";
        };
    }
}
