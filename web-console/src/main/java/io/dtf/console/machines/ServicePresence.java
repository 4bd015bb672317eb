package io.dtf.console.machines;

import io.dtf.client.AggregatorApi;
import io.dtf.client.CoordinatorApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.services.ServiceDescriptor;

/**
 * Where the grid's services are deployed now, from this node's copy of the service registry: cheap
 * enough for a health check, and no call waits for a service that is not there.
 *
 * @param coordinatorNode the node hosting the coordinator singleton, or null when none does
 * @param aggregatorNodes the nodes serving the aggregator
 */
public record ServicePresence(String coordinatorNode, List<String> aggregatorNodes) {
    public ServicePresence {
        aggregatorNodes = List.copyOf(aggregatorNodes);
    }

    public static ServicePresence of(Ignite ignite) {
        String coordinator = null;
        List<String> aggregators = List.of();
        for (ServiceDescriptor d : ignite.services().serviceDescriptors()) {
            List<String> live = live(ignite, d.topologySnapshot());
            if (CoordinatorApi.SERVICE_NAME.equals(d.name()) && !live.isEmpty()) {
                coordinator = live.get(0);
            } else if (AggregatorApi.SERVICE_NAME.equals(d.name())) {
                aggregators = live;
            }
        }
        return new ServicePresence(coordinator, aggregators);
    }

    public boolean coordinatorUp() {
        return coordinatorNode != null;
    }

    public boolean aggregatorUp() {
        return !aggregatorNodes.isEmpty();
    }

    /** Nodes with at least one instance that are still in the topology (a node that left may linger). */
    private static List<String> live(Ignite ignite, Map<UUID, Integer> snapshot) {
        return snapshot.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue() > 0 && ignite.cluster().node(e.getKey()) != null)
                .map(e -> e.getKey().toString()).sorted().toList();
    }
}
