package io.dtf.coordinator.ignite;

import io.dtf.worker.ignite.BatchJob;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;
import org.apache.ignite.compute.ComputeTaskSessionFullSupport;

/**
 * The attempts of one round bound for one worker, as one Ignite compute task with one job on the
 * node the coordinator chose. The session is full so the attempts can save checkpoints, which a
 * later attempt of the same task loads. The result: every attempt's reply (JSON).
 */
@ComputeTaskSessionFullSupport
public final class DispatchTask extends ComputeTaskAdapter<BatchJob, List<String>> {
    private static final long serialVersionUID = 1L;

    private final UUID node;

    /** @param node the worker the coordinator chose */
    public DispatchTask(UUID node) {
        this.node = node;
    }

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, BatchJob job) {
        ClusterNode target = subgrid.stream().filter(n -> n.id().equals(node)).findFirst()
                .orElseThrow(() -> new IgniteException("node " + node + " is not in the grid"));
        return Map.of(job, target);
    }

    @Override
    public List<String> reduce(List<ComputeJobResult> results) {
        return results.get(0).getData();
    }
}
