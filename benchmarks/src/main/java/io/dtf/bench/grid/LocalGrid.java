package io.dtf.bench.grid;

import io.dtf.bench.chaos.RestartableNode;
import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.WorkerView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The places of one benchmark's grid of {@code dtf node} processes on 127.0.0.1, each place on
 * fixed ports inside one block: discovery {@code base + i}, communication {@code base + 100 + i},
 * thin clients {@code base + 200 + i}. No node serves the web console (no {@code console} role).
 */
final class LocalGrid {
    /** A server JVM: the caches' pages live off the heap. Every JVM of the grid collects with one thread. */
    static final String SERVER_JVM = "-Xmx512m -XX:+UseSerialGC";
    static final String WORKER_JVM = "-Xmx256m -XX:+UseSerialGC";
    static final int PLACES = 20;

    private final Path home;
    private final Path root;
    private final int base;
    private final List<String> workerPrefix;

    /**
     * @param home the DTF installation whose launcher starts each node
     * @param root where each node's data directory goes (emptied first)
     * @param base the first port of the block; the grid uses {@code base} to {@code base + 299}
     */
    LocalGrid(Path home, Path root, int base) throws IOException {
        this(home, root, base, List.of());
    }

    /** As above; each worker's launcher runs through {@code workerPrefix} (e.g. {@code nice -n 10}). */
    LocalGrid(Path home, Path root, int base, List<String> workerPrefix) throws IOException {
        this.home = home;
        this.root = root;
        this.base = base;
        this.workerPrefix = List.copyOf(workerPrefix);
        deleteTree(root);
        Files.createDirectories(root);
    }

    /** A server place (the given roles, from {@code ignite-server.xml}); {@code jvm} is added to its JVM options. */
    RestartableNode server(String name, int place, String roles, String jvm) {
        return node(name, place, List.of(), SERVER_JVM + " " + jvm, "--config", home.resolve("config/ignite-server.xml").toString(),
                "--roles", roles);
    }

    /** A worker place; {@code options} are more {@code dtf node} options (slots, attributes, commands allowed). */
    RestartableNode worker(String name, int place, String... options) {
        List<String> args = new ArrayList<>(List.of("--config", home.resolve("config/ignite-worker.xml").toString()));
        args.addAll(List.of(options));
        return node(name, place, workerPrefix, WORKER_JVM, args.toArray(String[]::new));
    }

    private RestartableNode node(String name, int place, List<String> prefix, String jvm, String... options) {
        if (place < 0 || place >= PLACES) {
            throw new IllegalArgumentException("place " + place + ": a grid has places 0 to " + (PLACES - 1));
        }
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--bind", "127.0.0.1", "--port", String.valueOf(base + place),
                "--comm-port", String.valueOf(base + 100 + place), "--client-port", String.valueOf(base + 200 + place),
                "--join", "127.0.0.1:" + base + ".." + (base + PLACES - 1)));
        return new RestartableNode(name, prefix, home.resolve("dtf"), root, Map.of("DTF_JAVA_OPTS", jvm), args);
    }

    /** A thin client of the node at {@code place}; calls reach the coordinator wherever it runs. */
    DtfClient client(int place) {
        return DtfClient.connect(ClientOptions.of("127.0.0.1:" + (base + 200 + place)));
    }

    /**
     * Waits until the coordinator answers and lists {@code count} workers; a coordinator that is
     * moving or not deployed yet is asked again.
     */
    static List<WorkerView> awaitWorkers(DtfClient client, int count, Duration timeout) throws InterruptedException {
        return awaitListed(client, listed -> listed.size() >= count, listed -> listed.size() + " workers",
                count + " workers", timeout);
    }

    /**
     * Waits until the coordinator lists exactly the workers with these node ids: each restarted one
     * under its new id, none that has left still there.
     */
    static void awaitWorkers(DtfClient client, Set<String> nodeIds, Duration timeout) throws InterruptedException {
        awaitListed(client, listed -> ids(listed).equals(nodeIds), listed -> listed.size() + " workers, "
                        + ids(listed).stream().filter(nodeIds::contains).count() + " of them ours",
                "exactly " + nodeIds.size() + " workers", timeout);
    }

    private static Set<String> ids(List<WorkerView> workers) {
        return workers.stream().map(WorkerView::nodeId).collect(Collectors.toSet());
    }

    /** Asks the coordinator for its workers every 200 ms until {@code done}; moving or absent, it is asked again. */
    private static List<WorkerView> awaitListed(DtfClient client, Predicate<List<WorkerView>> done,
                                                Function<List<WorkerView>, String> describe, String wanted,
                                                Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                List<WorkerView> workers = client.workers();
                if (done.test(workers)) {
                    return workers;
                }
                last = describe.apply(workers);
            } catch (RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the coordinator did not list " + wanted + " within " + timeout.toSeconds()
                + " s: " + last);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
