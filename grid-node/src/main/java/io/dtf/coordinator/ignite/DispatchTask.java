package io.dtf.coordinator.ignite;

import io.dtf.worker.ignite.TaskJob;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskAdapter;

/**
 * One attempt as an Ignite compute task over the nodes that meet the task's requirements. The
 * coordinator picks the node (it knows the free slots); if that node leaves mid-attempt, Ignite's
 * failover SPI moves the job to another node of the same group, never outside it.
 */
public final class DispatchTask extends ComputeTaskAdapter<DispatchTask.Arg, String> {
    private static final long serialVersionUID = 1L;

    /** Plain fields: the argument crosses Ignite's marshaller. */
    public static final class Arg {
        final UUID preferredNode;
        final String specJson;

        public Arg(UUID preferredNode, String specJson) {
            this.preferredNode = preferredNode;
            this.specJson = specJson;
        }
    }

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Arg arg) {
        ClusterNode target = subgrid.stream().filter(n -> n.id().equals(arg.preferredNode)).findFirst()
                .orElse(subgrid.get(0));
        return Map.of(new TaskJob(arg.specJson), target);
    }

    @Override
    public String reduce(List<ComputeJobResult> results) {
        return results.get(0).getData();
    }
}
