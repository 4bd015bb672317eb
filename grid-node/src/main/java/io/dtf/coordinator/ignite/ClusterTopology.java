package io.dtf.coordinator.ignite;

import io.dtf.coordinator.Topology;
import io.dtf.coordinator.WorkerNode;
import io.dtf.hardware.HardwareKeys;
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

    public ClusterTopology(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public List<WorkerNode> liveWorkers() {
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
            out.add(new WorkerNode(node.id().toString(), attributes, slots(node.attribute(HardwareKeys.SLOTS))));
        }
        return out;
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
