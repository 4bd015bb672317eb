package io.dtf.coordinator.ignite;

import io.dtf.coordinator.Topology;
import io.dtf.coordinator.WorkerNode;
import io.dtf.hardware.HardwareKeys;
import io.dtf.node.NodeAddresses;
import io.dtf.node.Roles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;

/** Live workers from Ignite's discovery view: nodes with the worker role and their dtf.* attributes. */
public final class ClusterTopology implements Topology {
    private final Ignite ignite;
    // Read at every scheduling round: rebuilt only when the topology changes.
    private long version = -1;
    private List<WorkerNode> workers = List.of();

    public ClusterTopology(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public synchronized List<WorkerNode> liveWorkers() {
        long current = ignite.cluster().topologyVersion();
        if (current != version) {
            workers = read();
            version = current;
        }
        return workers;
    }

    private List<WorkerNode> read() {
        List<WorkerNode> out = new ArrayList<>();
        for (ClusterNode node : ignite.cluster().nodes()) {
            if (!Roles.has(node.attribute(HardwareKeys.ROLES), Roles.WORKER)) {
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
