package io.dtf.grid;

import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.worker.command.CommandPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Builds DTF nodes for tests from the real config files, on a port block of the test's own so
 * that test classes (and test JVMs) never join each other's grids.
 *
 * <p>Every test's fixed ports lie below 32768, outside Linux's ephemeral range (32768–60999): a
 * port in that range can be taken at any moment as the local end of some outgoing connection,
 * and a node that cannot bind its port fails to start ("Address already in use").
 */
public final class TestGrid implements AutoCloseable {
    private final int discoveryBase;
    private final int communicationBase;
    private final Path root;
    private final List<DtfNode> nodes = new ArrayList<>();
    private int next;

    /** Ports discoveryBase..+9 and communicationBase..+9 are this grid's. */
    public TestGrid(String name, int discoveryBase, int communicationBase) {
        this.discoveryBase = discoveryBase;
        this.communicationBase = communicationBase;
        this.root = Path.of("target", "grids", name).toAbsolutePath();
        deleteTree(root);
    }

    public static Path home() {
        return Path.of(System.getProperty("dtf.home", "..")).toAbsolutePath();
    }

    public static Path config(String file) {
        return home().resolve("config").resolve(file);
    }

    /** Starts the next node of this grid with the given roles, tags and attribute overrides. */
    public DtfNode start(String name, Set<String> roles, Set<String> tags, Map<String, String> overrides, int slots) {
        return start(name, roles, tags, overrides, slots, UnaryOperator.identity());
    }

    /** As {@link #start(String, Set, Set, Map, int)}, with {@code more} applied to the options last (a console port, say). */
    public DtfNode start(String name, Set<String> roles, Set<String> tags, Map<String, String> overrides, int slots,
                         UnaryOperator<NodeOptions> more) {
        int i = next++;
        NodeOptions options = NodeOptions.of(config("ignite-default.xml"), root.resolve(name))
                .withRoles(roles).withTags(tags).withOverrides(overrides).withSlots(slots)
                .withInstanceName(name).withCommands(CommandPolicy.ANY)
                .withNetwork("127.0.0.1", discoveryBase + i, communicationBase + i, null,
                        List.of("127.0.0.1:" + discoveryBase + ".." + (discoveryBase + 9)));
        DtfNode node = DtfNode.start(more.apply(options));
        nodes.add(node);
        return node;
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            try {
                nodes.get(i).close();
            } catch (RuntimeException e) {
                // already stopped by the test
            }
        }
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Deletes {@code dir} and everything under it; nothing if it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
