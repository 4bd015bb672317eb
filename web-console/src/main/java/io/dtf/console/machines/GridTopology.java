package io.dtf.console.machines;

import java.util.List;
import java.util.Map;

/**
 * Every node of the grid with its roles, and the groups the topology page draws: the node hosting the
 * coordinator, the data, aggregator and console nodes, and the workers by hardware class. Group
 * lists hold node ids of {@code nodes}.
 *
 * @param total      nodes in the grid
 * @param truncated  whether {@code nodes} holds only the first {@link GridMachines#MAX_TOPOLOGY} of them
 */
public record GridTopology(List<TopologyNode> nodes, String coordinator, List<String> coordinatorCandidates,
                           List<String> data, List<String> aggregators, List<String> consoles,
                           Map<String, List<String>> workersByClass, int total, boolean truncated) {
}
