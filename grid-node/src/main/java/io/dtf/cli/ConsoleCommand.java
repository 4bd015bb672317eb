package io.dtf.cli;

import io.dtf.node.DtfNode;
import io.dtf.node.NodeExtension;
import io.dtf.node.NodeOptions;
import io.dtf.node.Roles;
import io.dtf.worker.command.CommandPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ignite.IgniteSystemProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dtf console}: serves the web console from a grid node of its own that holds no data and runs no tasks
 * (the {@code console} role only), joined to a running grid. It joins as a member, not as a thin client, because
 * the console follows the grid's caches and events as they change.
 */
@Command(name = "console", description = {
        "Serve the web console for a running grid: starts a node with the console role only, which joins the grid "
                + "(runs until stopped with Ctrl-C or SIGTERM).",
        "Exit code 2 when the console cannot listen (its port in use) or is not built, 4 when no grid answers at "
                + "--join or the node stops on its own."})
final class ConsoleCommand implements Callable<Integer> {
    private static final String CONSOLE_FAILED = "WARNING: the " + Roles.CONSOLE + " role did not start on this node: ";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + NodeOptions.DEFAULT_CONSOLE_PORT,
            description = "The console's HTTP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = {"--join", "--grid"}, paramLabel = "HOST:PORT[..PORT]", split = ",",
            description = {"Discovery addresses of the grid to join (default: the config's, 127.0.0.1:47500..47509). "
                    + "--grid is another name for it. This is the grid's discovery port (47500), not the thin-client "
                    + "port (10800) that other commands' --grid takes: the console joins as a member, to follow the "
                    + "grid's caches and events."})
    List<String> join;

    @Option(names = "--bind", paramLabel = "ADDR", description = {"Address this node listens on for the grid, and the "
            + "console for browsers while security is on (default: all addresses). While security is off the console "
            + "listens on 127.0.0.1 only, whatever this says."})
    String bind;

    @Option(names = "--config", paramLabel = "FILE", description = "Spring config of the grid's nodes (default: "
            + "config/ignite-default.xml; config/ignite-secure.xml for a grid with security on, with --keys and a node "
            + "token as `dtf node` takes them).")
    Path config;

    @Mixin
    DataDirOptions data;

    @Option(names = "--discovery-port", paramLabel = "PORT", description = "Exact discovery port of this node "
            + "(default: the first free one of the config's range).")
    Integer discoveryPort;

    @Option(names = "--comm-port", paramLabel = "PORT", description = "Exact communication port of this node.")
    Integer commPort;

    @Option(names = "--client-port", paramLabel = "PORT", description = "Exact thin-client port of this node "
            + "(default: the first free one of 10800..10809).")
    Integer clientPort;

    @Option(names = "--verbose", description = "Show log lines on the console.")
    boolean verbose;

    @Mixin
    NodeSecurityOptions security;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            System.err.println("dtf: port: " + port + " is not a TCP port; give one of 1..65535, or 0 for any"
                    + " free one");
            return ExitCodes.USAGE;
        }
        if (ServiceLoader.load(NodeExtension.class).stream().noneMatch(e -> Roles.CONSOLE.equals(e.get().role()))) {
            System.err.println("dtf: the web console is not built: build it with `mvn -pl web-console -am package`"
                    + " (the dtf launcher does when web-console/target is absent), then run dtf console again");
            return ExitCodes.USAGE;
        }
        try {
            security.apply(null);
        } catch (IllegalArgumentException e) {
            System.err.println("dtf: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path dataDir = data.dir();
        DtfCli.configureLogging(dataDir, verbose);
        Path cfg = config != null ? config : DtfCli.home().resolve("config/ignite-default.xml");
        NodeOptions options = new NodeOptions(cfg, Set.of(Roles.CONSOLE), Set.of(), Map.of(), join, bind,
                discoveryPort, commPort, clientPort, dataDir, null, CommandPolicy.NONE, null, false, port);
        System.setProperty(IgniteSystemProperties.IGNITE_NO_SHUTDOWN_HOOK, "true");
        String target = join == null ? "the config's discovery addresses" : String.join(",", join);
        System.out.println("joining the grid at " + target + " (its discovery port, 47500 by default)");
        System.out.flush();
        AtomicReference<String> consoleFailure = new AtomicReference<>();
        DtfNode node = DtfNode.start(options, message -> {
            if (message.startsWith(CONSOLE_FAILED)) {
                consoleFailure.set(message.substring(CONSOLE_FAILED.length()));
                return;
            }
            System.out.println(message);
            System.out.flush();
        });
        if (node.extensions().isEmpty()) {
            node.close();
            System.err.println("dtf: " + (consoleFailure.get() != null ? consoleFailure.get()
                    : "the web console did not start; see " + dataDir.resolve("logs/dtf.log")));
            return ExitCodes.USAGE;
        }
        int members = node.ignite().cluster().nodes().size();
        if (members == 1) {
            node.close();
            System.err.println("dtf: no grid answered at " + target + ": start one with `dtf node`, and give --join"
                    + " its discovery address (port 47500 by default), not its thin-client port (10800)");
            return ExitCodes.GRID_ERROR;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "dtf-console-shutdown"));
        System.out.printf("DTF console node %s up: joined a grid of %d node(s)%n", node.nodeId(), members);
        System.out.println("logs: " + dataDir.resolve("logs").toAbsolutePath() + "; stop with Ctrl-C");
        System.out.flush();
        node.awaitShutdown();
        String failure = node.failure();
        if (failure != null) {
            System.err.println("dtf: the console's node stopped: " + failure);
            return ExitCodes.GRID_ERROR;
        }
        return ExitCodes.OK;
    }
}
