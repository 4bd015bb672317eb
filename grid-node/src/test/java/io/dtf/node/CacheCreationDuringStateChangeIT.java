package io.dtf.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.grid.TestGrid;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCluster;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.internal.processors.cache.distributed.dht.IgniteClusterReadOnlyException;
import org.junit.jupiter.api.Test;

/**
 * A node that starts while a persistent grid's state or baseline changes - as it does for a second
 * after each data node adds itself to the baseline - finds Ignite refusing to create caches
 * ("cluster state change is in progress"); once that made a worker starting beside two fresh data
 * nodes exit. Two persistent data nodes here: one keeps changing the grid's state (between active
 * and read-only: the cheapest change that can be repeated, and the same refusal) while the other
 * creates caches, each of which must be created all the same.
 */
class CacheCreationDuringStateChangeIT {
    private static final int DISCOVERY = 26800;
    private static final int COMMUNICATION = 26850;
    private static final int CACHES = 30;

    @Test
    void cachesAreCreatedWhileTheGridsStateKeepsChanging() throws Exception {
        Path root = Path.of("target", "grids", "state-change").toAbsolutePath();
        TestGrid.deleteTree(root);
        try (DtfNode first = start(root, 0); DtfNode second = start(root, 1)) {
            IgniteCluster cluster = first.ignite().cluster();
            assertEquals(2, cluster.forServers().nodes().size());

            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger changes = new AtomicInteger();
            CompletableFuture<Void> changing = CompletableFuture.runAsync(() -> {
                while (!done.get()) {
                    cluster.state(changes.incrementAndGet() % 2 == 0 ? ClusterState.ACTIVE : ClusterState.ACTIVE_READ_ONLY);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List<String> created = new ArrayList<>();
            try {
                for (int i = 0; i < CACHES; i++) {
                    String name = "probe-" + i;
                    createThroughReadOnly(second.ignite(), name);
                    created.add(name);
                }
            } finally {
                done.set(true);
                changing.join();
                cluster.state(ClusterState.ACTIVE);
            }

            assertTrue(changes.get() >= 10, "the grid's state changed only " + changes.get() + " times meanwhile");
            assertTrue(second.ignite().cacheNames().containsAll(created), second.ignite().cacheNames().toString());
        }
    }

    /**
     * A read-only grid refuses new caches: that refusal is this test's doing, so it tries again at
     * once (not waiting for ACTIVE, which would wait out each change and never meet one).
     */
    private static void createThroughReadOnly(Ignite ignite, String name) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                DtfCaches.create(ignite, List.of(new CacheConfiguration<>(name)));
                return;
            } catch (CacheException e) {
                if (!(e.getCause() instanceof IgniteClusterReadOnlyException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    private static DtfNode start(Path root, int i) {
        return DtfNode.start(NodeOptions.of(TestGrid.config("ignite-persistent.xml"), root.resolve("node-" + i))
                .withRoles(Set.of(Roles.DATA)).withInstanceName("state-change-" + i)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, null,
                        List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9))));
    }
}
