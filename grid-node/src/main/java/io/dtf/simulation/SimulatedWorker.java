package io.dtf.simulation;

import io.dtf.coordinator.WorkerNode;
import io.dtf.hardware.HardwareKeys;
import io.dtf.node.Roles;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One simulated worker: what the coordinator sees of it, and the attempts it runs. */
final class SimulatedWorker {
    final WorkerClass type;
    final WorkerNode node;
    /** In start order, so a death fails them in a reproducible order. */
    final Set<SimulatedDispatcher.Attempt> running = new LinkedHashSet<>();
    /** Dead, but the grid has not noticed yet: it is still offered work, which goes nowhere. */
    boolean dead;

    SimulatedWorker(String nodeId, WorkerClass type) {
        this.type = type;
        this.node = new WorkerNode(nodeId, attributesOf(type), type.slots());
    }

    String id() {
        return node.nodeId();
    }

    /**
     * The attributes a real worker of {@code type} advertises, as far as the scheduler reads them:
     * what requirements are tested against.
     */
    static Map<String, Object> attributesOf(WorkerClass type) {
        Map<String, Object> a = new LinkedHashMap<>(new TreeMap<>(type.attributes()));
        a.put(HardwareKeys.ROLES, Roles.WORKER);
        a.put(HardwareKeys.HW_CLASS, type.hwClass());
        a.put(HardwareKeys.SLOTS, type.slots());
        a.put(HardwareKeys.TAGS, String.join(",", type.tags()));
        a.put(HardwareKeys.COMMANDS, "true");
        return a;
    }
}
