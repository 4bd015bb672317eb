package io.dtf.console.machines;

import java.util.List;

/**
 * A node as the topology page draws it.
 *
 * @param hostsCoordinator whether the coordinator singleton runs on it now
 * @param hostsAggregator  whether it serves the aggregator (results history)
 * @param local            whether it is the node serving this console
 * @param state            a worker's {@link WorkerSummary#state()}; null for other nodes
 * @param busy             a worker's running attempts; null when unknown or not a worker
 * @param slots            a worker's slots; null for other nodes
 */
public record TopologyNode(String id, String host, List<String> roles, String hwClass, boolean client,
                           boolean hostsCoordinator, boolean hostsAggregator, boolean local, String state,
                           Integer busy, Integer slots) {
}
