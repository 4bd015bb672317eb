package io.dtf.worker.ignite;

import io.dtf.hardware.HardwareKeys;
import io.dtf.node.Roles;
import io.dtf.worker.TaskExecutor;
import java.util.concurrent.ConcurrentMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;

/**
 * The worker's executor, made on the first job from the node's own attributes and kept in the
 * node-local map. Made lazily because a job can arrive as soon as the node has joined, before
 * any start-up code after {@code Ignition.start} has run.
 */
final class WorkerRuntime {
    private static final String KEY = "dtf.worker.executor";

    private WorkerRuntime() {
    }

    static TaskExecutor executor(Ignite ignite) {
        ConcurrentMap<String, TaskExecutor> map = ignite.cluster().nodeLocalMap();
        return map.computeIfAbsent(KEY, k -> {
            ClusterNode local = ignite.cluster().localNode();
            if (!Roles.has(local.attribute(HardwareKeys.ROLES), Roles.WORKER)) {
                throw new IllegalStateException("node " + local.id() + " is not a worker");
            }
            return new TaskExecutor(Boolean.parseBoolean(local.attribute(HardwareKeys.COMMANDS)));
        });
    }
}
