package io.dtf.results.ignite;

import io.dtf.hardware.HardwareKeys;
import io.dtf.results.NodeRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every node of the cluster, with its {@code dtf.*} attributes, in a {@link NodeRegistry}:
 * those present at {@link #start()}, then each one that joins. Results name only the node they ran
 * on; this is what lets a report say "fails only on 2-core nodes".
 *
 * <p>Discovery events reach local listeners whether or not they are enabled in the configuration.
 * The listener is registered before the current nodes are read, so a node joining meanwhile is
 * recorded at least once (recording is idempotent). Writes run on a thread of their own: a
 * discovery thread must never wait for the database.
 *
 * <pre>{@code
 * try (NodeRecorder recorder = new NodeRecorder(ignite, store)) {
 *     recorder.start();
 *     ...
 * }
 * }</pre>
 */
public final class NodeRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRecorder.class);

    private final Ignite ignite;
    private final NodeRegistry registry;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dtf-node-recorder");
        t.setDaemon(true);
        return t;
    });
    private final IgnitePredicate<Event> onJoin = event -> {
        record(((DiscoveryEvent) event).eventNode());
        return true;
    };

    public NodeRecorder(Ignite ignite, NodeRegistry registry) {
        this.ignite = ignite;
        this.registry = registry;
    }

    /** Records the current nodes and starts listening for joins. */
    public void start() {
        ignite.events().localListen(onJoin, EventType.EVT_NODE_JOINED);
        ignite.cluster().nodes().forEach(this::record);
    }

    /** The {@code dtf.*} attributes of a node, as strings. */
    static Map<String, String> dtfAttributes(ClusterNode node) {
        Map<String, String> kept = new TreeMap<>();
        node.attributes().forEach((key, value) -> {
            if (key.startsWith(HardwareKeys.PREFIX) && value != null) {
                kept.put(key, String.valueOf(value));
            }
        });
        return kept;
    }

    private void record(ClusterNode node) {
        String id = node.id().toString();
        Map<String, String> attributes = dtfAttributes(node);
        Instant seen = Instant.now();
        try {
            writer.execute(() -> {
                try {
                    registry.recordNode(id, attributes, seen);
                } catch (RuntimeException e) {
                    LOG.warn("cannot record node {}", id, e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // a node joined while this recorder closed: the next recorder on the file records it
        }
    }

    /** Stops listening and finishes the writes already queued; leaves the registry open. */
    @Override
    public void close() {
        ignite.events().stopLocalListen(onJoin, EventType.EVT_NODE_JOINED);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("node records still pending at close; dropping them");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
