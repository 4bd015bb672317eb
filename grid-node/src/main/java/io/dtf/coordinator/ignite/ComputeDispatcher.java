package io.dtf.coordinator.ignite;

import io.dtf.coordinator.Assignment;
import io.dtf.coordinator.Dispatcher;
import io.dtf.coordinator.JobReply;
import io.dtf.model.AttemptOutcome;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterGroup;

/** Starts attempts with Ignite compute; the coordinator's node is the compute task's master. */
public final class ComputeDispatcher implements Dispatcher {
    /** Beyond the task's own timeout (which the worker enforces), time to kill and report. */
    private static final long GRACE_MS = 30_000;

    private final Ignite ignite;
    /**
     * Starting a compute task runs its mapping in the calling thread; doing that here keeps it off
     * the coordinator's event loop, which stays free to handle replies.
     */
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dtf-dispatch");
        t.setDaemon(true);
        return t;
    });

    public ComputeDispatcher(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public void dispatch(Assignment a, Consumer<JobReply> onDone) {
        try {
            starter.execute(() -> start(a, onDone));
        } catch (RejectedExecutionException e) {
            onDone.accept(failed(a, Instant.now(), e));
        }
    }

    /** Stops starting attempts; those already started report as usual. */
    public void close() {
        starter.shutdown();
    }

    private void start(Assignment a, Consumer<JobReply> onDone) {
        Instant started = Instant.now();
        try {
            List<UUID> eligible = a.eligibleNodeIds().stream().map(UUID::fromString).toList();
            ClusterGroup group = ignite.cluster().forNodeIds(eligible);
            long timeout = a.task().spec().timeout().toMillis() + GRACE_MS;
            ignite.compute(group).withTimeout(timeout)
                    .executeAsync(new DispatchTask(), new DispatchTask.Arg(UUID.fromString(a.nodeId()),
                            Json.write(a.task().spec())))
                    .listen(f -> {
                        JobReply reply;
                        try {
                            reply = Json.read(f.get(), JobReply.class);
                        } catch (RuntimeException e) {
                            reply = failed(a, started, e);
                        }
                        onDone.accept(reply);
                    });
        } catch (RuntimeException e) {
            onDone.accept(failed(a, started, e));
        }
    }

    private static JobReply failed(Assignment a, Instant started, Exception e) {
        String reason = "infrastructure: the attempt could not run on the grid: " + e.getClass().getSimpleName()
                + ": " + e.getMessage();
        return new JobReply(a.nodeId(), null, AttemptOutcome.error(started, reason));
    }
}
