package io.dtf.coordinator.ignite;

import io.dtf.worker.ignite.TaskJob;
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
 * One attempt as an Ignite compute task on the node the coordinator chose. The session is full so
 * the job can save checkpoints, which a later attempt of the same task loads.
 */
@ComputeTaskSessionFullSupport
public final class DispatchTask extends ComputeTaskAdapter<DispatchTask.Arg, String> {
    private static final long serialVersionUID = 1L;

    /** Plain fields: the argument crosses Ignite's marshaller. */
    public static final class Arg {
        final UUID node;
        final String specJson;
        final String taskKey;
        final String attemptId;
        final int attempt;
        final long epoch;

        public Arg(UUID node, String specJson, String taskKey, String attemptId, int attempt, long epoch) {
            this.node = node;
            this.specJson = specJson;
            this.taskKey = taskKey;
            this.attemptId = attemptId;
            this.attempt = attempt;
            this.epoch = epoch;
        }
    }

    @Override
    public Map<? extends ComputeJob, ClusterNode> map(List<ClusterNode> subgrid, Arg arg) {
        ClusterNode target = subgrid.stream().filter(n -> n.id().equals(arg.node)).findFirst()
                .orElseThrow(() -> new IgniteException("node " + arg.node + " is not in the grid"));
        return Map.of(new TaskJob(arg.specJson, arg.taskKey, arg.attemptId, arg.attempt, arg.epoch), target);
    }

    @Override
    public String reduce(List<ComputeJobResult> results) {
        return results.get(0).getData();
    }
}
