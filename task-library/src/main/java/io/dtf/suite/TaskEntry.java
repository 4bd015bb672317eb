package io.dtf.suite;

import io.dtf.model.RetryPolicy;
import io.dtf.model.TaskAction;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;

/**
 * One valid entry of a suite's {@code tasks:} list, before matrix expansion: a command's
 * arguments may still hold {@code ${param}} placeholders.
 *
 * @param position     1-based place in the file's task list
 * @param params       every parameter's values, keys sorted; a scalar is a list of one
 * @param requirements the suite defaults' requirements followed by the entry's own
 * @param fallback     likewise, for the set used while no live worker meets {@code requirements}; empty for none
 * @param exclusive    whether the task must have its worker to itself
 */
record TaskEntry(int position, String name, TaskAction action, SortedMap<String, List<String>> params,
                 List<Requirement> requirements, int priority, Duration timeout, int retries, int repeat,
                 RetryPolicy retry, List<Requirement> fallback, boolean exclusive) {
}
