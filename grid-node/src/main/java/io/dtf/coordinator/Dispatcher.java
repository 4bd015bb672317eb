package io.dtf.coordinator;

import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.util.List;
import java.util.function.BiConsumer;

/** Starts attempts on workers and finds out which attempts the workers hold. */
public interface Dispatcher {
    /**
     * Starts the attempts of one scheduling round on their assigned nodes and reports how each
     * ended: {@code onDone} is called exactly once per assignment, with the assignment it answers,
     * from any thread. Never blocks the caller; attempts bound for one node may travel together.
     * Each attempt carries the coordinator's {@code epoch}: a worker refuses it once it has heard
     * from a newer coordinator, so a replaced coordinator cannot start anything.
     */
    void dispatch(List<Assignment> assignments, long epoch, BiConsumer<Assignment, JobReply> onDone);

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
