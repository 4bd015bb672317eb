package io.dtf.bench;

import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.security.GridSecurity;
import io.dtf.security.Role;
import io.dtf.security.ignite.NodeToken;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.tls.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How long a node takes to join a grid with security on, against without, measured in the same run: two
 * one-server grids in this JVM, one from {@code config/ignite-server.xml}, one from {@code config/ignite-secure.xml}
 * (same base settings; TLS on discovery, communication and thin clients, and admission by node token), and a worker
 * that joins each in turn.
 *
 * <pre>
 * benchmarks/run-join-time.sh [rounds=10]
 * </pre>
 *
 * A join is {@code DtfNode.start} of a worker, from the call until the node is up (in the topology, caches
 * reachable, ready for tasks); the JVM's own start is not in it. The worker then stops, and the other grid's
 * worker joins: rounds alternate plain and TLS so that both see the same machine. One unrecorded round of each
 * warms the JIT up first. Prints every join, then the median, minimum and maximum of each and the ratio of medians.
 */
public final class JoinTimeBenchmark {
    /** Ports of this benchmark: plain grid 312x0/312x1, TLS grid 312x3/312x4 (discovery, communication, clients). */
    private static final int DISCOVERY = 31200;
    private static final int COMMUNICATION = 31210;
    private static final int CLIENT = 31220;

    private JoinTimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Path.of("target", "join-time-benchmark").toAbsolutePath();
        deleteTree(root);
        Path config = Path.of(System.getProperty("dtf.home", "..")).resolve("config");
        Path keys = root.resolve("keys");
        TlsMaterial.create(keys.resolve("tls"), List.of());
        // The secure config also admits nodes by token: each secure node presents its own node token.
        TokenIssuer issuer = new TokenIssuer(SigningKeys.create(keys.resolve("jwt")), Clock.systemUTC());
        System.setProperty(GridSecurity.DIR_PROPERTY, keys.toString());

        Grid plain = new Grid("plain", config.resolve("ignite-server.xml"), root, 0, null);
        Grid tls = new Grid("tls", config.resolve("ignite-secure.xml"), root, 3, issuer);
        List<DtfNode> servers = new ArrayList<>();
        try {
            servers.add(plain.startServer());
            servers.add(tls.startServer());
            System.out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s; a worker joins a one-server grid, %d rounds%n",
                    Runtime.getRuntime().availableProcessors(), servers.get(0).attributes().get("dtf.hw.class"),
                    Runtime.version(), rounds);
            plain.join(0);
            tls.join(0);
            List<Double> plainMs = new ArrayList<>();
            List<Double> tlsMs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                plainMs.add(plain.join(round));
                tlsMs.add(tls.join(round));
                System.out.printf(Locale.ROOT, "round %2d: plain %7.0f ms   tls %7.0f ms%n", round,
                        plainMs.get(round - 1), tlsMs.get(round - 1));
            }
            double plainMedian = print("plain", plainMs);
            double tlsMedian = print("tls", tlsMs);
            System.out.printf(Locale.ROOT, "tls / plain (medians): %.2f; TLS adds %.0f ms to a join%n",
                    tlsMedian / plainMedian, tlsMedian - plainMedian);
        } finally {
            for (DtfNode server : servers) {
                server.close();
            }
        }
    }

    /** One grid: a server that stays, and a worker that joins and leaves. */
    private record Grid(String name, Path config, Path root, int offset, TokenIssuer issuer) {
        DtfNode startServer() {
            return DtfNode.start(options(name + "-server", 0).withRoles(Set.of("coordinator", "data", "aggregator")));
        }

        /** Starts the worker, returns how long it took to be up in ms, stops it. */
        double join(int round) {
            NodeOptions worker = options(name + "-worker-" + round, 1).withRoles(Set.of("worker")).withSlots(1);
            long start = System.nanoTime();
            DtfNode node = DtfNode.start(worker);
            double ms = (System.nanoTime() - start) / 1e6;
            if (node.ignite().cluster().nodes().size() != 2) {
                throw new IllegalStateException(name + ": the worker did not join the server");
            }
            node.close();
            return ms;
        }

        private NodeOptions options(String instance, int i) {
            if (issuer != null) {
                NodeToken.offer(instance, issuer.issue(Role.NODE, instance, Duration.ofHours(1)).token());
            }
            int port = DISCOVERY + offset + i;
            return NodeOptions.of(config, root.resolve(instance)).withInstanceName(instance)
                    .withNetwork("127.0.0.1", port, COMMUNICATION + offset + i, CLIENT + offset + i,
                            List.of("127.0.0.1:" + (DISCOVERY + offset) + ".." + (DISCOVERY + offset + 1)));
        }
    }

    private static double print(String name, List<Double> ms) {
        List<Double> sorted = ms.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        System.out.printf(Locale.ROOT, "%-5s join: median %.0f ms, min %.0f ms, max %.0f ms (%d joins)%n", name, median,
                sorted.get(0), sorted.get(n - 1), n);
        return median;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
