package io.dtf.coordinator.ignite;

import io.dtf.hardware.HardwareKeys;
import java.util.Comparator;
import java.util.List;
import org.apache.ignite.cluster.ClusterNode;

/** How people find a grid node: its host name and the addresses it listens on. */
public final class NodeAddresses {
    private NodeAddresses() {
    }

    /** The host name the node advertises, else the first one Ignite knows for it; null when neither is known. */
    public static String host(ClusterNode node) {
        Object advertised = node.attribute(HardwareKeys.HOSTNAME);
        if (advertised != null && !advertised.toString().isBlank()) {
            return advertised.toString();
        }
        return node.hostNames().stream().filter(h -> !h.isBlank()).findFirst().orElse(null);
    }

    /** Its IP addresses, the ones other machines can reach first (loopback and IPv6 link-local last). */
    public static List<String> addresses(ClusterNode node) {
        return node.addresses().stream().distinct()
                .sorted(Comparator.comparing(NodeAddresses::localOnly).thenComparing(a -> a.contains(":")))
                .toList();
    }

    private static boolean localOnly(String address) {
        return address.startsWith("127.") || address.equals("0:0:0:0:0:0:0:1") || address.startsWith("fe80:")
                || address.startsWith("0:0:0:0:0:0:0:1%");
    }
}
