package io.dtf.coordinator;

import io.dtf.model.TaskSpec;

/**
 * How long a task is expected to run on a worker of a hardware class, for placement. Implementations
 * learn it from history (results in DuckDB) and fall back to a prior where there is none; a
 * simulation knows it from its workload. Called on the coordinator's loop: answers from memory.
 */
public interface DurationEstimates {
    /**
     * @param suite    the task's suite name
     * @param hwClass  the worker's hardware class; null when the worker advertises none
     * @return the expected run time in milliseconds, at least 1
     */
    long expectedMillis(String suite, TaskSpec spec, String hwClass);
}
