package io.dtf.bench.junit;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.worker.command.CommandPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The one-machine default in the benchmark's JVM: one node with every role, one slot, running JVM tasks,
 * reached through the thin client as the plugin reaches a grid. Ports: {@code base} (discovery),
 * {@code base + 1} (communication), {@code base + 2} (thin clients).
 */
final class OneNodeGrid implements AutoCloseable {
    private final DtfNode node;
    private final DtfClient client;

    private OneNodeGrid(DtfNode node, DtfClient client) {
        this.node = node;
        this.client = client;
    }

    static OneNodeGrid start(Path home, Path dir, int base) throws Exception {
        BenchFiles.deleteTree(dir);
        DtfNode node = DtfNode.start(NodeOptions.of(home.resolve("config/ignite-default.xml"), dir)
                .withRoles(Set.of("coordinator", "data", "aggregator", "worker")).withSlots(1)
                .withInstanceName("bench").withCommands(CommandPolicy.ANY)
                .withNetwork("127.0.0.1", base, base + 1, base + 2, List.of("127.0.0.1:" + base)));
        try {
            return new OneNodeGrid(node, DtfClient.connect(ClientOptions.of("127.0.0.1:" + (base + 2))));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    DtfClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        node.close();
    }
}
