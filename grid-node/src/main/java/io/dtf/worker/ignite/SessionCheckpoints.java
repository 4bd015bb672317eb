package io.dtf.worker.ignite;

import io.dtf.checkpoint.CheckpointException;
import io.dtf.checkpoint.CheckpointStore;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignite;
import org.apache.ignite.compute.ComputeTaskSession;
import org.apache.ignite.compute.ComputeTaskSessionScope;
import org.apache.ignite.spi.IgniteSpiNoop;
import org.apache.ignite.spi.checkpoint.CheckpointSpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's checkpoints in the grid, through the compute job's session and Ignite's checkpoint SPI
 * ({@code CacheCheckpointSpi} in ignite-base.xml, over a replicated cache). The checkpoint key is the
 * task key ({@code runId/taskId}) and the scope is global, so the state outlives the compute task
 * that saved it: the task's next attempt, a new compute task on any node, loads it.
 *
 * <pre>{@code
 * // In a job of a compute task annotated @ComputeTaskSessionFullSupport, with the session injected
 * // by @TaskSessionResource:
 * CheckpointStore checkpoints = SessionCheckpoints.of(ignite, session, taskKey);
 * AttemptOutcome outcome = executor.execute(spec, checkpoints);
 *
 * // On any node, outside any session, once the task has reached its final state:
 * SessionCheckpoints.remove(ignite, taskKey);
 * }</pre>
 *
 * <p>A failed load or save throws {@link CheckpointException}, never "nothing saved" or "not
 * stored": an attempt that went on without its checkpoint would start from zero, or leave the next
 * attempt nothing to resume from, and nobody would know. The attempt ends as an infrastructure
 * failure instead and is retried.
 */
public final class SessionCheckpoints implements CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCheckpoints.class);
    private static final AtomicBoolean WARNED_DISABLED = new AtomicBoolean();

    private final ComputeTaskSession session;
    private final String key;
    private volatile boolean saveTried;

    private SessionCheckpoints(ComputeTaskSession session, String taskKey) {
        this.session = session;
        this.key = taskKey;
    }

    /**
     * The checkpoints of task {@code taskKey}, saved through {@code session}; {@link CheckpointStore#NONE}
     * when this node has no checkpoint SPI that keeps anything (Ignite's default drops them silently).
     */
    public static CheckpointStore of(Ignite ignite, ComputeTaskSession session, String taskKey) {
        if (!enabled(ignite)) {
            if (WARNED_DISABLED.compareAndSet(false, true)) {
                LOG.warn("node {} has no checkpoint SPI configured: tasks will not resume from checkpoints",
                        ignite.name());
            }
            return CheckpointStore.NONE;
        }
        return new SessionCheckpoints(session, taskKey);
    }

    /**
     * Removes task {@code taskKey}'s checkpoint, from any node and outside any compute task: it goes
     * straight to the configured checkpoint SPIs, which is where a session's global-scope saves end up.
     *
     * @return whether there was one
     */
    public static boolean remove(Ignite ignite, String taskKey) {
        boolean removed = false;
        CheckpointSpi[] spis = ignite.configuration().getCheckpointSpi();
        for (CheckpointSpi spi : spis == null ? new CheckpointSpi[0] : spis) {
            try {
                removed |= spi.removeCheckpoint(taskKey);
            } catch (RuntimeException e) {
                LOG.warn("task {}: its checkpoint could not be removed: {}", taskKey, e.toString());
            }
        }
        return removed;
    }

    @Override
    public Optional<byte[]> load() {
        try {
            return Optional.ofNullable(session.loadCheckpoint(key));
        } catch (RuntimeException e) {
            throw failure("its checkpoint could not be loaded", e);
        }
    }

    @Override
    public boolean save(byte[] state) {
        // Before the save: one that fails half-way, or is still at work when the attempt ends, may leave a checkpoint.
        saveTried = true;
        try {
            // Timeout 0: kept until removed when the task ends, however long its retries wait.
            session.saveCheckpoint(key, state, ComputeTaskSessionScope.GLOBAL_SCOPE, 0);
            return true;
        } catch (RuntimeException e) {
            throw failure("a checkpoint could not be saved", e);
        }
    }

    /**
     * Whether an attempt using {@code store} may have left a checkpoint: it tried to save one through
     * it (a save that failed may still have stored it). False for a store that keeps nothing.
     */
    public static boolean saveTried(CheckpointStore store) {
        return store instanceof SessionCheckpoints s && s.saveTried;
    }

    private CheckpointException failure(String what, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = "task " + key + ": " + what + ": " + e + (root == e ? "" : " (cause: " + root + ")");
        LOG.warn("{}", message);
        return new CheckpointException(message, e);
    }

    /** Whether some checkpoint SPI of this node stores anything: Ignite skips the no-op ones the same way. */
    static boolean enabled(Ignite ignite) {
        CheckpointSpi[] spis = ignite.configuration().getCheckpointSpi();
        return spis != null
                && Arrays.stream(spis).anyMatch(s -> !s.getClass().isAnnotationPresent(IgniteSpiNoop.class));
    }
}
