package io.dtf.console;

import io.dtf.console.grid.ConsoleGrid;
import io.dtf.node.NodeContext;
import io.dtf.node.NodeExtension;
import io.dtf.node.NodeOptions;
import io.dtf.node.Roles;
import io.dtf.node.RunningExtension;
import java.util.Optional;

/** Serves the web console on every node with the {@code console} role (found by {@link java.util.ServiceLoader}). */
public final class ConsoleExtension implements NodeExtension {
    @Override
    public String role() {
        return Roles.CONSOLE;
    }

    @Override
    public Optional<RunningExtension> start(NodeContext context) {
        Integer port = context.options().consolePort();
        if (port != null && port < 0) {
            return Optional.empty();
        }
        ConsoleSettings settings = ConsoleSettings.of(context, port == null ? NodeOptions.DEFAULT_CONSOLE_PORT : port);
        return Optional.of(ConsoleServer.start(settings, ConsoleGrid.of(context)));
    }
}
