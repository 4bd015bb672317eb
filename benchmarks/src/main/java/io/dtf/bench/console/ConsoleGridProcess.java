package io.dtf.bench.console;

import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The grid side of the WebSocket fan-out benchmark, in a process of its own: the one-machine default
 * (one node with every role, the console among them) on fixed ports. Prints {@code ready} once the
 * console listens, and runs until killed.
 *
 * <p>Ports: discovery {@code base}, communication {@code base + 1}, thin clients {@code base + 2},
 * the console {@code base + 3}.
 */
public final class ConsoleGridProcess {
    public static void main(String[] args) throws Exception {
        int base = Integer.parseInt(args[0]);
        int slots = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path home = Path.of(System.getProperty("dtf.home", ".."));
        Path dir = Path.of("target", "console-ws-benchmark", "node").toAbsolutePath();
        DtfNode node = DtfNode.start(NodeOptions.of(home.resolve("config/ignite-default.xml"), dir)
                .withRoles(Set.of("coordinator", "data", "aggregator", "worker", "console")).withSlots(slots)
                .withInstanceName("console-ws").withConsolePort(base + 3)
                .withNetwork("127.0.0.1", base, base + 1, base + 2, List.of("127.0.0.1:" + base)));
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        System.out.println("ready: console on http://127.0.0.1:" + (base + 3) + ", " + slots + " slots");
        Thread.currentThread().join();
    }
}
