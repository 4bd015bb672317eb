package io.dtf.model;

import java.util.List;
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

    @Override
    public String typeName() {
        return "command";
    }
}
