package io.dtf.bench;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.security.GridSecurity;
import io.dtf.security.Role;
import io.dtf.security.ignite.NodeToken;
import io.dtf.security.tls.TlsMaterial;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.wire.CacheNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.cache.event.CacheEntryEvent;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;

/**
 * Dispatch throughput with security on against off, in one run: two grids in this JVM, each of three nodes (a
 * server with the coordinator, data and aggregator roles, two workers), one from {@code config/ignite-default.xml}
 * (security off), one from {@code config/ignite-secure.xml} (TLS on discovery, communication and thin clients; the
 * security plugin: node tokens at join, the client's token on every call, workers signing their reports, the
 * coordinator and the aggregator verifying them). Each grid is driven through a real thin-client {@link DtfClient},
 * the secure one with a submitter token over TLS.
 *
 * <pre>
 * benchmarks/run-security-overhead.sh [tasks=4000] [rounds=3] [warm-up tasks=2000]
 * </pre>
 *
 * <p>A round runs the same suite of no-op benchmark tasks on each grid in turn (the order alternates from round to
 * round, so that neither always runs on a heap the other just filled); both grids stay up the whole run, so the idle
 * one costs both the same. A measurement is from submit until DuckDB holds every row; latency is submit to the
 * result's arrival in the results cache (all tasks are submitted at once, so it includes queueing). Prints tasks/s,
 * p50 and p99 for each, and the ratio secure / plain of throughput per round.
 */
public final class SecurityOverheadBenchmark {
    /** Ports of this benchmark: plain grid 3260x/3261x/3262x, secure grid 3270x/3271x/3272x (discovery, communication, thin clients). */
    private static final int PLAIN = 32600;
    private static final int SECURE = 32700;
    private static final List<String> NAMES = List.of("server", "worker-1", "worker-2");

    private SecurityOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int slots = Integer.getInteger("slots", 64);
        Path root = Path.of("target", "security-overhead-benchmark").toAbsolutePath();
        deleteTree(root);
        Path config = Path.of(System.getProperty("dtf.home", "..")).resolve("config");

        // The keys directory as `dtf keys init` makes it, read by the secure nodes (dtf node --keys DIR sets the same).
        Path keys = root.resolve("keys");
        TokenIssuer issuer = new TokenIssuer(SigningKeys.create(keys.resolve("jwt")), Clock.systemUTC());
        TlsMaterial.create(keys.resolve("tls"), List.of());
        System.setProperty(GridSecurity.DIR_PROPERTY, keys.toString());

        List<Grid> grids = new ArrayList<>();
        try {
            Grid plain = Grid.start("plain", config.resolve("ignite-default.xml"), root, PLAIN, slots, null,
                    ClientOptions.of("127.0.0.1:" + (PLAIN + 20)));
            grids.add(plain);
            String submitter = issuer.issue(Role.SUBMITTER, "security-overhead-benchmark", Duration.ofHours(4)).token();
            Grid secure = Grid.start("secure", config.resolve("ignite-secure.xml"), root, SECURE, slots, issuer,
                    ClientOptions.of("127.0.0.1:" + (SECURE + 20)).withToken(submitter).withKeys(keys));
            grids.add(secure);
            if (!GridSecurity.of(secure.server().ignite()).isPresent() || GridSecurity.of(plain.server().ignite()).isPresent()) {
                throw new IllegalStateException("security must be on for the secure grid only");
            }

            System.out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s; two grids of 3 nodes in one JVM (1 server, 2 workers,"
                            + " %d slots each), thin clients%n", Runtime.getRuntime().availableProcessors(),
                    plain.server().attributes().get("dtf.hw.class"), Runtime.version(), slots);
            System.out.printf(Locale.ROOT, "warm-up: %,d tasks on each grid, twice%n", warmUp);
            for (int i = 0; i < 2; i++) {
                plain.dispatch(warmUp);
                secure.dispatch(warmUp);
            }

            System.out.printf(Locale.ROOT, "%n%-18s %6s %10s %10s %10s%n", "grid", "tasks", "tasks/s", "p50 ms", "p99 ms");
            List<Double> ratios = new ArrayList<>();
            double plainSum = 0;
            double secureSum = 0;
            for (int round = 1; round <= rounds; round++) {
                Figures p;
                Figures s;
                if (round % 2 == 1) {
                    p = plain.dispatch(tasks);
                    s = secure.dispatch(tasks);
                } else {
                    s = secure.dispatch(tasks);
                    p = plain.dispatch(tasks);
                }
                p.print("plain #" + round, tasks);
                s.print("secure #" + round, tasks);
                double ratio = s.throughput(tasks) / p.throughput(tasks);
                ratios.add(ratio);
                plainSum += p.throughput(tasks);
                secureSum += s.throughput(tasks);
                System.out.printf(Locale.ROOT, "%-18s %6s %9.1f%%%n", "secure / plain", "", 100 * ratio);
            }
            double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
            System.out.printf(Locale.ROOT, "%nsecure / plain throughput: median of rounds %.1f%%, mean tasks/s %.0f against %.0f"
                    + " (%.1f%%); goal: at least 90%%%n", 100 * median, secureSum / rounds, plainSum / rounds,
                    100 * secureSum / plainSum);
        } finally {
            for (int i = grids.size() - 1; i >= 0; i--) {
                grids.get(i).close();
            }
        }
    }

    /** One grid of three nodes and a thin client to it. */
    private record Grid(String name, List<DtfNode> nodes, DtfClient client) implements AutoCloseable {
        /**
         * Starts the grid on ports {@code base+i} (discovery), {@code base+10+i} (communication) and {@code base+20+i}
         * (thin clients); with an issuer, each node first gets a node token of its own, as {@code dtf node --token}
         * would give it.
         */
        static Grid start(String name, Path config, Path root, int base, int slots, TokenIssuer issuer,
                          ClientOptions clientOptions) {
            List<DtfNode> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < NAMES.size(); i++) {
                    String instance = name + "-" + NAMES.get(i);
                    if (issuer != null) {
                        NodeToken.offer(instance, issuer.issue(Role.NODE, instance, Duration.ofHours(4), List.of(),
                                List.of()).token());
                    }
                    Set<String> roles = i == 0 ? Set.of("coordinator", "data", "aggregator") : Set.of("worker");
                    nodes.add(DtfNode.start(NodeOptions.of(config, root.resolve(instance)).withRoles(roles)
                            .withSlots(slots).withInstanceName(instance).withNetwork("127.0.0.1", base + i, base + 10 + i,
                                    base + 20 + i, List.of("127.0.0.1:" + base + ".." + (base + 2)))));
                }
                nodes.get(0).coordinator(Duration.ofSeconds(30));
                return new Grid(name, nodes, DtfClient.connect(clientOptions));
            } catch (RuntimeException e) {
                for (int i = nodes.size() - 1; i >= 0; i--) {
                    nodes.get(i).close();
                }
                throw e;
            }
        }

        DtfNode server() {
            return nodes.get(0);
        }

        /**
         * One suite of n no-op benchmark tasks, submitted and awaited through the thin client; latency is submit to
         * the result's arrival in the results cache (a continuous query on the server); the clock stops when DuckDB
         * holds every row.
         */
        Figures dispatch(int n) throws Exception {
            List<TaskSpec> specs = IntStream.range(0, n).mapToObj(i -> new TaskSpec("noop-" + i, "noop", Map.of(),
                    new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(1), 0, 1)).toList();
            Suite suite = new Suite("security-overhead", specs);
            IgniteCache<Long, String> results = server().ignite().cache(CacheNames.RESULTS);
            Map<Long, Long> arrived = new ConcurrentHashMap<>();
            ContinuousQuery<Long, String> query = new ContinuousQuery<>();
            query.setLocalListener(events -> {
                long now = System.nanoTime();
                for (CacheEntryEvent<? extends Long, ? extends String> e : events) {
                    arrived.putIfAbsent(e.getKey(), now);
                }
            });
            System.gc(); // each measurement starts from a collected heap, whichever grid filled it last
            try (QueryCursor<?> ignored = results.query(query)) {
                long start = System.nanoTime();
                String runId = client.submit(suite);
                AtomicLong lastSeq = new AtomicLong();
                RunView view = client.await(runId, Duration.ofMinutes(10), r -> lastSeq.accumulateAndGet(r.seq(), Math::max));
                if (!view.passed()) {
                    throw new IllegalStateException(name + ": benchmark run failed: " + view);
                }
                if (!server().replicator().orElseThrow().awaitIngested(lastSeq.get(), Duration.ofMinutes(5))) {
                    throw new IllegalStateException(name + ": DuckDB did not receive every result");
                }
                long end = System.nanoTime();
                long[] done = arrived.values().stream().mapToLong(Long::longValue).toArray();
                if (done.length != n) {
                    throw new IllegalStateException(name + ": " + done.length + " results seen for " + n + " tasks");
                }
                return new Figures(start, end, done);
            }
        }

        @Override
        public void close() {
            client.close();
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    private record Figures(long start, long end, long[] done) {
        double throughput(int n) {
            return n / ((end - start) / 1e9);
        }

        void print(String label, int n) {
            long[] latency = Arrays.stream(done).map(t -> t - start).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-18s %6d %10.0f %10.1f %10.1f%n", label, n, throughput(n),
                    percentile(latency, 0.50) / 1e6, percentile(latency, 0.99) / 1e6);
        }

        private static double percentile(long[] sorted, double p) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }
    }

    private static void deleteTree(Path dir) throws IOException {
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
