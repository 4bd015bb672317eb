package io.dtf.console.live;

import io.dtf.hardware.HardwareKeys;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;

/**
 * Nodes joining, leaving and failing, from the console node's discovery events (these reach a local
 * listener without being listed in {@code includeEventTypes}, as the coordinator's own listener relies on).
 */
final class NodeFeed implements AutoCloseable {
    private static final int[] TYPES = {EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED};

    private final Ignite ignite;
    private final IgnitePredicate<Event> listener;

    NodeFeed(Ignite ignite, Consumer<LiveEvent.Node> sink) {
        this.ignite = ignite;
        this.listener = event -> {
            if (event instanceof DiscoveryEvent discovery) {
                sink.accept(of(discovery));
            }
            return true;
        };
        ignite.events().localListen(listener, TYPES);
    }

    static LiveEvent.Node of(DiscoveryEvent event) {
        ClusterNode node = event.eventNode();
        String change = switch (event.type()) {
            case EventType.EVT_NODE_JOINED -> "joined";
            case EventType.EVT_NODE_LEFT -> "left";
            default -> "failed";
        };
        Object roles = node.attribute(HardwareKeys.ROLES);
        List<String> roleList = roles == null ? List.of()
                : Arrays.stream(roles.toString().split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList();
        Object hwClass = node.attribute(HardwareKeys.HW_CLASS);
        return new LiveEvent.Node(change, node.id().toString(), roleList, hwClass == null ? null : hwClass.toString(),
                Instant.ofEpochMilli(event.timestamp()));
    }

    @Override
    public void close() {
        ignite.events().stopLocalListen(listener, TYPES);
    }
}
