package io.dtf.worker.ignite;

import io.dtf.benchmark.Benchmarks;
import io.dtf.hardware.HardwareKeys;
import io.dtf.node.Roles;
import io.dtf.worker.TaskExecutor;
import io.dtf.worker.benchmark.BenchmarkRunner;
import io.dtf.worker.command.AttemptDirectories;
import io.dtf.worker.command.CommandPolicy;
import io.dtf.worker.command.CommandRunner;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
    /** The folder of attempt directories inside the node's data directory. */
    static final String ATTEMPTS = "attempts";

    private WorkerRuntime() {
    }

    static TaskExecutor executor(Ignite ignite) {
        ConcurrentMap<String, TaskExecutor> map = ignite.cluster().nodeLocalMap();
        return map.computeIfAbsent(KEY, k -> {
            ClusterNode local = ignite.cluster().localNode();
            if (!Roles.has(local.attribute(HardwareKeys.ROLES), Roles.WORKER)) {
                throw new IllegalStateException("node " + local.id() + " is not a worker");
            }
            // The node's own attributes, set from its start-up options: what the operator allowed, nothing else.
            CommandPolicy policy = CommandPolicy.fromAttributes(local::attribute);
            // junit and jmh tasks read their class paths and workdirs from the node's artifact cache.
            return new TaskExecutor(policy.enabled(),
                    new CommandRunner(CommandRunner.DEFAULT_TAIL_BYTES, directories(ignite, local), policy),
                    new BenchmarkRunner(Benchmarks.standard()), WorkerArtifacts.of(ignite));
        });
    }

    /**
     * Attempt directories under the node's data directory (the parent of Ignite's work directory,
     * where {@code dtf node} puts it); task workdirs allowed under the roots the node's
     * {@link HardwareKeys#WORKDIR_ROOTS} attribute lists, else only in the attempt's own directory
     * (never the data directory by default: it holds the node's own files).
     */
    private static AttemptDirectories directories(Ignite ignite, ClusterNode local) {
        Path dataDir = Path.of(ignite.configuration().getWorkDirectory()).toAbsolutePath().getParent();
        String roots = local.attribute(HardwareKeys.WORKDIR_ROOTS);
        List<Path> allowed = roots == null || roots.isBlank() ? List.of()
                : Arrays.stream(roots.split(File.pathSeparator)).map(String::strip).filter(r -> !r.isEmpty())
                        .map(Path::of).toList();
        return AttemptDirectories.under(dataDir.resolve(ATTEMPTS), allowed);
    }
}
