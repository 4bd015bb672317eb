package io.dtf.console;

import io.dtf.grid.TestGrid;
import io.dtf.node.DtfNode;
import io.dtf.node.Roles;
import java.util.Map;
import java.util.Set;

/**
 * A real grid for console tests: one node with every role (coordinator, data, worker, aggregator and
 * the console on a free port) on the test's own port block; more workers join with {@link #worker}.
 *
 * <pre>{@code
 * try (TestConsole console = TestConsole.start("api-it", 22000)) {
 *     HttpResponse<String> r = http.send(HttpRequest.newBuilder(console.uri("/api/workers")).build(), ofString());
 * }
 * }</pre>
 */
public final class TestConsole implements AutoCloseable {
    private final TestGrid grid;
    private final DtfNode node;
    private final ConsoleServer server;

    private TestConsole(TestGrid grid, DtfNode node) {
        this.grid = grid;
        this.node = node;
        this.server = node.extensions().stream().filter(ConsoleServer.class::isInstance).map(ConsoleServer.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("the node started no console"));
    }

    /** Ports {@code portBase}..+9 (discovery) and {@code portBase}+50..+59 (communication) are this grid's. */
    public static TestConsole start(String name, int portBase) {
        TestGrid grid = new TestGrid(name, portBase, portBase + 50);
        DtfNode node = grid.start(name + "-core", Set.copyOf(Roles.ALL), Set.of(), Map.of(), 2,
                options -> options.withConsolePort(0));
        return new TestConsole(grid, node);
    }

    /** Starts one more worker node with {@code slots} slots and these tags; it serves no console. */
    public DtfNode worker(String name, int slots, Set<String> tags) {
        return grid.start(name, Set.of(Roles.WORKER), tags, Map.of(), slots, options -> options.withConsolePort(-1));
    }

    public DtfNode node() {
        return node;
    }

    public TestGrid grid() {
        return grid;
    }

    public ConsoleServer server() {
        return server;
    }

    /** The console's address with {@code path}: {@code http://127.0.0.1:PORT/api/runs}. */
    public java.net.URI uri(String path) {
        return java.net.URI.create(server.url() + path);
    }

    @Override
    public void close() {
        grid.close();
    }
}
