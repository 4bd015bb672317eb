package io.dtf.coordinator.ignite;

import io.dtf.coordinator.Topology;
import io.dtf.coordinator.WorkerNode;
import io.dtf.hardware.HardwareKeys;
import io.dtf.node.Roles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Live workers from Ignite's discovery view: nodes with the worker role and their dtf.* attributes,
 * once they have said they are ready ({@link ReadyWorkers}). A node is in the topology, and a
 * target for compute, before its own start-up has finished; work sent to it then found its caches
 * missing.
 */
public final class ClusterTopology implements Topology, AutoCloseable {
    private final Ignite ignite;
    private final ReadyWorkers ready;
    // Read at every scheduling round: rebuilt only when the topology or the set of ready workers changes.
    private long version = -1;
    private long readyVersion = -1;
    private List<WorkerNode> workers = List.of();

    /**
     * @param onReady told when a worker becomes ready or its entry goes; on an Ignite thread, so it
     *                must return quickly
     */
    public ClusterTopology(Ignite ignite, Runnable onReady) {
        this.ignite = ignite;
        this.ready = new ReadyWorkers(ignite, onReady);
    }

    @Override
    public synchronized List<WorkerNode> liveWorkers() {
        long current = ignite.cluster().topologyVersion();
        long currentReady = ready.version();
        if (current != version || currentReady != readyVersion) {
            Collection<ClusterNode> nodes = ignite.cluster().nodes();
            workers = read(nodes, ready.ids());
            if (current != version) {
                ready.forgetLeft(nodes.stream().map(n -> n.id().toString()).collect(Collectors.toSet()));
            }
            version = current;
            readyVersion = currentReady;
        }
        return workers;
    }

    /** Stops following which workers are ready. */
    @Override
    public void close() {
        ready.close();
    }

    private static List<WorkerNode> read(Collection<ClusterNode> nodes, Set<String> readyIds) {
        List<WorkerNode> out = new ArrayList<>();
        for (ClusterNode node : nodes) {
            if (!Roles.has(node.attribute(HardwareKeys.ROLES), Roles.WORKER)
                    || !readyIds.contains(node.id().toString())) {
                continue;
            }
            Map<String, Object> attributes = new HashMap<>();
            node.attributes().forEach((k, v) -> {
                if (k.startsWith(HardwareKeys.PREFIX) && v != null) {
                    attributes.put(k, v);
                }
            });
            out.add(new WorkerNode(node.id().toString(), attributes, slots(node.attribute(HardwareKeys.SLOTS)),
                    NodeAddresses.addresses(node)));
        }
        return List.copyOf(out);
    }

    private static int slots(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? 1 : Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
