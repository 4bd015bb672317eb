package io.dtf.cli;

import io.dtf.hardware.HardwareKeys;
import io.dtf.node.DtfNode;
import io.dtf.node.JoinAs;
import io.dtf.node.NodeOptions;
import io.dtf.node.Roles;
import io.dtf.worker.artifact.CacheBound;
import io.dtf.worker.command.CommandPolicy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ignite.IgniteSystemProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code dtf node}: starts a grid node and keeps it running until the process is stopped. */
@Command(name = "node", description = {"Start a grid node (runs until stopped with Ctrl-C or SIGTERM).",
        "Exit code 4, with the reason, when the node stops on its own (a critical failure, cut off from the grid)."})
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Spring config: config/ignite-default.xml (all roles, the default), ignite-server.xml, "
                    + "ignite-persistent.xml (a server keeping its data on disk), ignite-worker.xml, or ignite-secure.xml "
                    + "(TLS and security on: every node of that grid uses it, with --roles and --keys).")
    Path config;

    @Option(names = "--roles", paramLabel = "LIST", description = "Replace the config's roles: coordinator,data,worker,aggregator,console.")
    String roles;

    @Option(names = "--tags", paramLabel = "LIST", split = ",", description = "Tags this node offers, e.g. webgpu,chrome.")
    Set<String> tags = new LinkedHashSet<>();

    @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "Declare or override an attribute, e.g. dtf.accelerators=cuda or dtf.memory.bytes=16GiB (repeatable).")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--slots", paramLabel = "N", description = "Tasks a worker runs at once (default: logical CPU threads); "
            + "a node without the worker role announces none.")
    Integer slots;

    @Option(names = "--join", paramLabel = "HOST:PORT[..PORT]", split = ",",
            description = "Discovery addresses of the grid (default: the config's, 127.0.0.1:47500..47509).")
    List<String> join;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on and advertise, for discovery, communication and thin clients (default: the config's; 127.0.0.1 in ignite-default.xml).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "Exact discovery port (default: first free in the config's range).")
    Integer port;

    @Option(names = "--comm-port", paramLabel = "PORT", description = "Exact communication port.")
    Integer commPort;

    @Option(names = "--client-port", paramLabel = "PORT", description = "Exact thin-client port (default: first free of 10800..10809).")
    Integer clientPort;

    @Mixin
    DataDirOptions data;

    @Mixin
    CommandTaskOptions commandTasks;

    @Option(names = "--name", paramLabel = "NAME", description = "Ignite instance name (default: none).")
    String name;

    @Option(names = "--verbose", description = "Show log lines on the console.")
    boolean verbose;

    @Mixin
    NodeSecurityOptions security;

    @Option(names = "--artifact-cache", paramLabel = "SIZE",
            description = "Disk a worker's cache of task artifacts (jars, class folders) may take, e.g. 5GiB "
                    + "(default: 2GiB); least recently used ones go first.")
    String artifactCache;

    @Option(names = "--join-as", paramLabel = "KIND", converter = JoinAsConverter.class,
            description = "auto, server or client: join as an Ignite server node or a client node (default: the "
                    + "config's clientMode, else auto: a client node when the only role is worker, so that workers coming "
                    + "and going do not pause the grid). A client node may only have the worker role.")
    JoinAs joinAs;

    @Option(names = "--console-port", paramLabel = "PORT", description = "The web console's HTTP port on a node with "
            + "the console role (default: 8080; 0: any free port; -1: no console). A port in use is reported and the "
            + "node goes on without the console.")
    Integer consolePort;

    @Override
    public Integer call() throws Exception {
        CommandPolicy commands;
        try {
            commands = commandTasks.policy();
            security.apply(name);
            if (artifactCache != null) {
                CacheBound.parse(artifactCache); // refused here, not at the first task
                System.setProperty(CacheBound.PROPERTY, artifactCache);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("dtf: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (commandTasks.noCommands) {
            System.err.println("note: --no-commands is deprecated: a worker runs no command tasks unless started with"
                    + " --allow-commands");
        }
        Path dataDir = data.dir();
        DtfCli.configureLogging(dataDir, verbose);
        Path cfg = config != null ? config : DtfCli.home().resolve("config/ignite-default.xml");
        NodeOptions options = new NodeOptions(cfg, roles == null ? null : Roles.parse(roles), tags, attributes,
                join, bind, port, commPort, clientPort, dataDir, slots, commands, name, false, consolePort, joinAs);
        // Only this command's hook stops the node on Ctrl-C or SIGTERM, so a stop it did not ask for is a failure.
        System.setProperty(IgniteSystemProperties.IGNITE_NO_SHUTDOWN_HOOK, "true");
        AtomicReference<DtfNode> current = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DtfNode running = current.get();
            if (running != null) {
                running.close();
            }
        }, "dtf-node-shutdown"));
        while (true) {
            DtfNode node = DtfNode.start(options, message -> {
                System.out.println(message);
                System.out.flush();
            });
            current.set(node);
            announce(node, commands, dataDir);
            node.awaitShutdown();
            if (node.clientNode() && node.segmented()) {
                // Its attempts ended with it; the grid ran them again elsewhere. A fresh node takes new work.
                try {
                    node.close(); // what the stopped node still holds (its audit writer, its report key)
                } catch (RuntimeException e) {
                    System.err.println("note: closing the stopped node: " + e);
                }
                System.out.println("the client node was cut off from the grid and stopped; joining again as a new node");
                System.out.flush();
                continue;
            }
            String failure = node.failure();
            if (failure != null) {
                System.err.println("dtf: the node stopped: " + failure);
                return ExitCodes.GRID_ERROR;
            }
            return ExitCodes.OK;
        }
    }

    private void announce(DtfNode node, CommandPolicy commands, Path dataDir) {
        var cluster = node.ignite().cluster();
        boolean worker = node.roles().contains(Roles.WORKER);
        System.out.printf("DTF node %s up: %s node, roles %s, hardware class %s, %s; grid of %d node(s)%n",
                node.nodeId(), node.clientNode() ? "client" : "server", String.join(",", node.roles()),
                node.attributes().get(HardwareKeys.HW_CLASS),
                worker ? node.attributes().get(HardwareKeys.SLOTS) + " slots" : "no slots (not a worker)",
                cluster.nodes().size());
        System.out.println(node.ports().describe());
        if (worker) {
            System.out.println("runs " + commands.describe());
        }
        if (slots != null && !worker) {
            System.out.println("note: --slots " + slots + " ignored: only a node with the worker role runs tasks");
        }
        if (node.persistent()) {
            System.out.printf("data on disk under %s; baseline consistent id %s%n",
                    dataDir.resolve("ignite").toAbsolutePath(), node.consistentId());
        }
        System.out.println("logs: " + dataDir.resolve("logs").toAbsolutePath() + "; stop with Ctrl-C");
        System.out.flush();
    }

    /** Reads {@code --join-as}; a bad value is a usage error naming the option. */
    static final class JoinAsConverter implements ITypeConverter<JoinAs> {
        @Override
        public JoinAs convert(String value) {
            try {
                return JoinAs.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

}
