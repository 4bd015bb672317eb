package io.dtf.node;

import io.dtf.worker.command.CommandPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a node is started with. Null means "as the Spring config says" (the config's own
 * defaults are documented in config/README.md).
 *
 * @param config            Spring XML file with an IgniteConfiguration bean named {@code ignite.cfg}
 * @param roles             replaces the config's {@code dtf.roles}
 * @param tags              added to the config's {@code dtf.tags}
 * @param overrides         attribute overrides, {@code dtf.memory.bytes=16GiB}, applied last
 * @param join              discovery addresses, {@code host:port} or {@code host:from..to}
 * @param bindHost          the address this node listens on and advertises
 * @param discoveryPort     exact discovery port (no range); communication and client ports likewise
 * @param dataDir           Ignite work files, logs and the DuckDB file live here
 * @param slots             tasks this node runs at once; default its logical threads
 * @param allowCommands     which {@code command} tasks (processes) this worker runs: none unless its
 *                          operator opts in ({@code dtf node --allow-commands}); null means none
 * @param isolated          a private one-node grid on free ports, joining nothing (for {@code dtf run})
 * @param consolePort       the web console's HTTP port on a {@code console} node: null for the default
 *                          {@value #DEFAULT_CONSOLE_PORT}, 0 for any free port, negative for no console
 * @param joinAs            server or client node ({@link JoinAs}); null means as the config's {@code clientMode}
 *                          says, else {@link JoinAs#AUTO}
 */
public record NodeOptions(
        Path config,
        Set<String> roles,
        Set<String> tags,
        Map<String, String> overrides,
        List<String> join,
        String bindHost,
        Integer discoveryPort,
        Integer communicationPort,
        Integer clientPort,
        Path dataDir,
        Integer slots,
        CommandPolicy allowCommands,
        String instanceName,
        boolean isolated,
        Integer consolePort,
        JoinAs joinAs) {

    /** Where a {@code console} node serves the web console unless told otherwise. */
    public static final int DEFAULT_CONSOLE_PORT = 8080;

    public NodeOptions(Path config, Set<String> roles, Set<String> tags, Map<String, String> overrides,
                       List<String> join, String bindHost, Integer discoveryPort, Integer communicationPort,
                       Integer clientPort, Path dataDir, Integer slots, CommandPolicy allowCommands,
                       String instanceName, boolean isolated) {
        this(config, roles, tags, overrides, join, bindHost, discoveryPort, communicationPort, clientPort, dataDir,
                slots, allowCommands, instanceName, isolated, null);
    }

    public NodeOptions(Path config, Set<String> roles, Set<String> tags, Map<String, String> overrides,
                       List<String> join, String bindHost, Integer discoveryPort, Integer communicationPort,
                       Integer clientPort, Path dataDir, Integer slots, CommandPolicy allowCommands,
                       String instanceName, boolean isolated, Integer consolePort) {
        this(config, roles, tags, overrides, join, bindHost, discoveryPort, communicationPort, clientPort, dataDir,
                slots, allowCommands, instanceName, isolated, consolePort, null);
    }

    public NodeOptions {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        join = join == null ? List.of() : List.copyOf(join);
        allowCommands = allowCommands == null ? CommandPolicy.NONE : allowCommands;
    }

    /**
     * A node from {@code config} with everything else as the config says; as a worker it runs no
     * command tasks unless {@link #withCommands} allows them.
     */
    public static NodeOptions of(Path config, Path dataDir) {
        return new NodeOptions(config, null, null, null, null, null, null, null, null, dataDir, null,
                CommandPolicy.NONE, null, false);
    }

    /**
     * The embedded default of {@code dtf run}: one node, all roles, its own private grid. It runs the
     * user's own suite on the user's own machine, so it runs any command.
     */
    public static NodeOptions embedded(Path config, Path dataDir) {
        return new NodeOptions(config, null, null, null, null, "127.0.0.1", null, null, null, dataDir, null,
                CommandPolicy.ANY, "dtf-embedded", true, -1);
    }

    public NodeOptions withRoles(Set<String> value) {
        return new NodeOptions(config, value, tags, overrides, join, bindHost, discoveryPort, communicationPort,
                clientPort, dataDir, slots, allowCommands, instanceName, isolated, consolePort, joinAs);
    }

    public NodeOptions withTags(Set<String> value) {
        return new NodeOptions(config, roles, value, overrides, join, bindHost, discoveryPort, communicationPort,
                clientPort, dataDir, slots, allowCommands, instanceName, isolated, consolePort, joinAs);
    }

    public NodeOptions withOverrides(Map<String, String> value) {
        return new NodeOptions(config, roles, tags, value, join, bindHost, discoveryPort, communicationPort,
                clientPort, dataDir, slots, allowCommands, instanceName, isolated, consolePort, joinAs);
    }

    public NodeOptions withSlots(Integer value) {
        return new NodeOptions(config, roles, tags, overrides, join, bindHost, discoveryPort, communicationPort,
                clientPort, dataDir, value, allowCommands, instanceName, isolated, consolePort, joinAs);
    }

    /** Network placement: where to listen and whom to join. Null keeps the config's value. */
    public NodeOptions withNetwork(String host, Integer discovery, Integer communication, Integer client,
                                   List<String> joinAddresses) {
        return new NodeOptions(config, roles, tags, overrides, joinAddresses, host, discovery, communication,
                client, dataDir, slots, allowCommands, instanceName, isolated, consolePort, joinAs);
    }

    public NodeOptions withInstanceName(String value) {
        return new NodeOptions(config, roles, tags, overrides, join, bindHost, discoveryPort, communicationPort,
                clientPort, dataDir, slots, allowCommands, value, isolated, consolePort, joinAs);
    }

    /** Which command tasks this node runs as a worker ({@link CommandPolicy#ANY}, an allow-list, or none). */
    public NodeOptions withCommands(CommandPolicy value) {
        return new NodeOptions(config, roles, tags, overrides, join, bindHost, discoveryPort, communicationPort,
                clientPort, dataDir, slots, value, instanceName, isolated, consolePort, joinAs);
    }

    /** The web console's port on a {@code console} node: 0 for any free port, negative for none. */
    public NodeOptions withConsolePort(Integer value) {
        return new NodeOptions(config, roles, tags, overrides, join, bindHost, discoveryPort, communicationPort,
                clientPort, dataDir, slots, allowCommands, instanceName, isolated, value, joinAs);
    }

    /** Whether the node joins as a server or a client node ({@link JoinAs}); null keeps the config's choice. */
    public NodeOptions withJoinAs(JoinAs value) {
        return new NodeOptions(config, roles, tags, overrides, join, bindHost, discoveryPort, communicationPort,
                clientPort, dataDir, slots, allowCommands, instanceName, isolated, consolePort, value);
    }
}
