package io.dtf.live;

import io.dtf.model.TaskState;
import java.util.Set;

/**
 * Which tasks of a run to list.
 *
 * @param states only tasks in one of these states; empty for every state
 * @param name   only tasks whose id or name contains this text (any case), or null for all
 */
public record TaskQuery(String runId, Set<TaskState> states, String name, int offset, int limit) {
    public TaskQuery {
        states = states == null ? Set.of() : Set.copyOf(states);
    }
}
