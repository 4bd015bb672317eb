package io.dtf.live;

import io.dtf.model.RunView;
import io.dtf.model.TaskView;
import java.util.Optional;

/**
 * The grid's live state, read for people (the web console): runs and their tasks, filtered and paged
 * by the grid rather than shipped whole to the reader.
 */
public interface LiveState {
    /** Runs, newest first, that match {@code query}. */
    Page<RunView> runs(RunQuery query);

    /** One run, or empty when the grid has no such run. */
    Optional<RunView> run(String runId);

    /** A run's tasks in submission order that match {@code query}; an empty page for an unknown run. */
    Page<TaskView> tasks(TaskQuery query);
}
