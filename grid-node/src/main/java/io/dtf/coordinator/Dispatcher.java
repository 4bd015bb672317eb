package io.dtf.coordinator;

import java.util.List;
import java.util.function.Consumer;

/** Starts attempts on workers and finds out which attempts the workers hold. */
public interface Dispatcher {
    /**
     * Starts an attempt on the assigned node and reports how it ended; never blocks the caller. The
     * attempt carries the coordinator's {@code epoch}: a worker refuses it once it has heard from a
     * newer coordinator, so a replaced coordinator cannot start anything.
     */
    void dispatch(Assignment assignment, long epoch, Consumer<JobReply> onDone);

    /**
     * Asks the worker {@code nodeId} to stop attempt {@code attemptId} of task {@code taskKey}
     * (its process tree killed, its benchmark thread interrupted); never blocks the caller. The
     * attempt then reports through its {@link #dispatch} callback as usual. A worker that no longer
     * runs the attempt, or has heard from a coordinator newer than {@code epoch}, ignores it.
     */
    void stop(String nodeId, String taskKey, String attemptId, long epoch);

    /**
     * Asks every live worker for the attempts it runs or finished unreported, and tells it that the
     * coordinator of {@code epoch} is now in charge. Called by a new coordinator before it starts anything.
     */
    List<LiveAttempt> reconcile(long epoch);
}
