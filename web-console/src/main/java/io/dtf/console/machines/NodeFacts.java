package io.dtf.console.machines;

import io.dtf.coordinator.ignite.NodeAddresses;
import io.dtf.hardware.HardwareKeys;
import io.dtf.wire.SafeText;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ignite.cluster.ClusterMetrics;
import org.apache.ignite.cluster.ClusterNode;

/**
 * What Ignite's discovery tells of one grid node: its roles and the {@code dtf.*} attributes it
 * advertised (hardware, tags, slots). Read from this node's copy of the topology: no call leaves it.
 *
 * @param order       the node's place in the topology (joined after every node with a lower order)
 * @param upSince     when the node started, as its metrics say; null until its first metrics arrive
 * @param cpuLoad     its CPU load, 0 to 1, from its last metrics; null when unknown
 * @param slots       tasks it runs at once ({@code dtf.slots}); null for a node without the worker role
 * @param attributes  its {@code dtf.*} attributes, at most {@value #MAX_ATTRIBUTES}, long values shortened
 */
public record NodeFacts(String id, String host, List<String> addresses, List<String> roles, String hwClass,
                        boolean client, long order, Instant upSince, Double cpuLoad, List<String> tags,
                        List<String> accelerators, Integer slots, Map<String, Object> attributes) {
    static final int MAX_ATTRIBUTES = 100;
    static final int MAX_VALUE = 2_000;
    private static final int MAX_ADDRESSES = 16;
    private static final int MAX_LIST = 64;

    public static NodeFacts of(ClusterNode node) {
        ClusterMetrics metrics = node.metrics();
        long started = metrics == null ? 0 : metrics.getNodeStartTime();
        double cpu = metrics == null ? -1 : metrics.getCurrentCpuLoad();
        Object hwClass = node.attribute(HardwareKeys.HW_CLASS);
        return new NodeFacts(node.id().toString(), SafeText.abbreviated(NodeAddresses.host(node), 253),
                NodeAddresses.addresses(node).stream().limit(MAX_ADDRESSES).toList(),
                list(node.attribute(HardwareKeys.ROLES)), hwClass == null ? null : SafeText.abbreviated(hwClass.toString(), 200),
                node.isClient(), node.order(), started > 0 ? Instant.ofEpochMilli(started) : null,
                cpu >= 0 ? cpu : null, list(node.attribute(HardwareKeys.TAGS)),
                list(node.attribute(HardwareKeys.ACCELERATORS)), slots(node), attributes(node));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    private static Integer slots(ClusterNode node) {
        Object value = node.attribute(HardwareKeys.SLOTS);
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? null : Integer.valueOf(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A comma-list attribute as a list (at most {@value #MAX_LIST} items). */
    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .limit(MAX_LIST).map(s -> SafeText.abbreviated(s, 200)).toList();
    }

    private static Map<String, Object> attributes(ClusterNode node) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : new TreeMap<>(node.attributes()).entrySet()) {
            if (out.size() == MAX_ATTRIBUTES) {
                break;
            }
            Object v = e.getValue();
            if (!e.getKey().startsWith(HardwareKeys.PREFIX) || v == null) {
                continue;
            }
            out.put(SafeText.abbreviated(e.getKey(), 200),
                    v instanceof Number || v instanceof Boolean ? v : SafeText.abbreviated(v.toString(), MAX_VALUE));
        }
        return out;
    }
}
