package io.dtf.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a process on the worker. Metrics are read from its output (see the worker's metric line
 * format). {@code workdir} may be null: the worker's own working directory.
 */
public record CommandAction(List<String> argv, Map<String, String> env, String workdir) implements TaskAction {
    public CommandAction {
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /**
     * The environment variable that carries a parameter to the process, on every attempt:
     * {@code block-size} becomes {@code DTF_PARAM_BLOCK_SIZE}.
     */
    public static String paramVariable(String param) {
        return "DTF_PARAM_" + param.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public String typeName() {
        return "command";
    }
}
