package io.dtf.model;

import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One runnable task after matrix expansion and repetition: what to run, where it may run, and how
 * to treat failure.
 *
 * @param id          unique within its suite, e.g. {@code sha256[size=1MiB]#2}
 * @param name        the entry name in the suite file, shared by all its expansions
 * @param params      the parameter values of this expansion
 * @param priority    higher runs first when tasks compete for the same nodes
 * @param timeout     the whole attempt, process tree included
 * @param retries     further attempts after a failed test (a task that then passes is FLAKY)
 * @param repetition  1-based index among {@code repeat} copies of the same expansion
 * @param retry       how failures of the machine (not the test) are retried
 * @param fallback    requirements used only while no live worker meets {@code requirements}; empty for none
 * @param exclusive   runs only on a worker with nothing else running, and nothing else starts there
 *                    while it runs (benchmarks that must not share the machine)
 */
public record TaskSpec(
        String id,
        String name,
        Map<String, String> params,
        TaskAction action,
        List<Requirement> requirements,
        int priority,
        Duration timeout,
        int retries,
        int repetition,
        RetryPolicy retry,
        List<Requirement> fallback,
        boolean exclusive) {

    public TaskSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }

    /** A spec that shares its worker with other tasks. */
    public TaskSpec(String id, String name, Map<String, String> params, TaskAction action,
                    List<Requirement> requirements, int priority, Duration timeout, int retries, int repetition,
                    RetryPolicy retry, List<Requirement> fallback) {
        this(id, name, params, action, requirements, priority, timeout, retries, repetition, retry, fallback, false);
    }

    /** A spec with the default retry policy and no fallback requirements. */
    public TaskSpec(String id, String name, Map<String, String> params, TaskAction action,
                    List<Requirement> requirements, int priority, Duration timeout, int retries, int repetition) {
        this(id, name, params, action, requirements, priority, timeout, retries, repetition, null, null, false);
    }
}
