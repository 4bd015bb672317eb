package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.AggregatorClient;
import io.dtf.client.ClientOptions;
import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A data node holds a backlog of results; then a node that is both aggregator and data node joins,
 * and its replicator catches up while the results cache's partitions move to it. DuckDB must end
 * with every result of the backlog exactly once, without a restart of the aggregator.
 */
class CatchUpWhileRebalancingIT {
    private static final String JOIN = "127.0.0.1:22800..22809";
    private static final String RUN = "backlog";
    /** A few thousand results of about 2 KB: enough that rebalancing is still under way when the replicator starts. */
    private static final int BACKLOG = 6_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anAggregatorThatJoinsWhilePartitionsMoveStoresEveryResultOnce() throws Exception {
        Path root = Path.of("target", "grids", "catch-up-rebalancing").toAbsolutePath();
        TestGrid.deleteTree(root);
        String server = slowRebalancingConfig(root).toString();

        try (NodeProcess core = NodeProcess.start(root.resolve("core"), "--config", server, "--roles",
                "coordinator,data", "--port", "22800", "--comm-port", "22850", "--client-port", "22890", "--join", JOIN)) {
            List<Long> seqs = putBacklog("127.0.0.1:22890");

            try (NodeProcess aggregator = NodeProcess.start(root.resolve("aggregator"), "--config", server, "--roles",
                    "aggregator,data", "--port", "22801", "--comm-port", "22851", "--client-port", "22891",
                    "--join", JOIN);
                 AggregatorClient results = AggregatorClient.connect(ClientOptions.of("127.0.0.1:22891"))) {
                // Read page by page while the store may still grow: wait for one read that is complete.
                List<Long> stored = List.of();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!stored.equals(seqs) && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    stored = results.results(RUN, null).stream().map(TaskResult::seq).toList();
                }
                Set<Long> missing = new TreeSet<>(seqs);
                missing.removeAll(stored);
                assertEquals(Set.of(), missing.stream().limit(20).collect(Collectors.toSet()),
                        missing.size() + " of " + seqs.size() + " results never reached DuckDB (first 20 shown)");
                assertEquals(seqs.size(), new TreeSet<>(stored).size(), "no result stored twice");
                assertEquals(seqs, stored, "every result once, in seq order");
                // The premise: the catch-up ran while the results cache was still being rebalanced onto the node.
                String log = Files.readString(root.resolve("aggregator").resolve("logs").resolve("dtf.log"));
                int caughtUp = log.indexOf("catching up: replicating " + CacheNames.RESULTS);
                int rebalanced = log.indexOf("Completed (final) rebalancing [rebalanceId=1, grp=" + CacheNames.RESULTS);
                assertTrue(caughtUp >= 0 && (rebalanced < 0 || caughtUp < rebalanced),
                        "the catch-up came after rebalancing had ended: the test did not test what it is for");
            }
        }
    }

    /**
     * A server profile with rebalancing slowed down (small supply batches, a pause after each), so that
     * the joining aggregator's replicator starts while the results cache's partitions are still moving.
     */
    static Path slowRebalancingConfig(Path root) throws IOException {
        Path config = root.resolve("slow-rebalancing.xml");
        Files.createDirectories(root);
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <beans xmlns="http://www.springframework.org/schema/beans"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       xsi:schemaLocation="http://www.springframework.org/schema/beans
                                           http://www.springframework.org/schema/beans/spring-beans.xsd">
                  <import resource="file:BASE"/>
                  <bean id="ignite.cfg" parent="dtf.base">
                    <property name="rebalanceBatchSize" value="#{16 * 1024}"/>
                    <property name="rebalanceThrottle" value="40"/>
                  </bean>
                </beans>
                """.replace("BASE", TestGrid.config("ignite-base.xml").toString()));
        return config;
    }

    /** Puts the backlog straight into the results cache (numbered with gaps, as the sequence leaves them). */
    private static List<Long> putBacklog(String address) {
        Map<Long, String> backlog = new TreeMap<>();
        String output = "x".repeat(1_500);
        for (long seq = 1; backlog.size() < BACKLOG; seq += seq % 100 == 0 ? 37 : 1) {
            Instant start = Instant.parse("2025-03-01T10:15:30Z").plusMillis(seq);
            backlog.put(seq, Json.write(new TaskResult(seq, RUN, "rebalance", "task-" + seq, "copy", Map.of("n",
                    String.valueOf(seq)), 1, true, TaskState.PASSED, start, start.plusMillis(250), "node-1",
                    "x86_64-8c-32g", 0, List.of(new Metric("throughput", "MB/s", List.of(100.0 + seq % 10))),
                    output, "", null, null, null)));
        }
        try (IgniteClient client = Ignition.startClient(new ClientConfiguration().setAddresses(address))) {
            ClientCache<Long, String> cache = client.cache(CacheNames.RESULTS);
            Map<Long, String> batch = new TreeMap<>();
            for (Map.Entry<Long, String> entry : backlog.entrySet()) {
                batch.put(entry.getKey(), entry.getValue());
                if (batch.size() == 500) {
                    cache.putAll(batch);
                    batch.clear();
                }
            }
            cache.putAll(batch);
            assertEquals(backlog.size(), cache.size(), "the backlog is in the cache");
        }
        return List.copyOf(backlog.keySet());
    }
}
