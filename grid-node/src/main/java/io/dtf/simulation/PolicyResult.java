package io.dtf.simulation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dtf.coordinator.Placement;

/**
 * What one placement policy achieved on the simulated grid. Times are virtual milliseconds, except
 * the two measured on this machine ({@code schedulerCpuMicrosPerTask}, {@code wallMillis}), which
 * are null in a deterministic report.
 *
 * @param makespanMs                 from submission until the last task ended
 * @param ratio                      makespan over the lower bound (1.0 is perfect)
 * @param unfinished                 tasks that had not ended when the simulation gave up (0 normally)
 * @param notPassed                  tasks that ended other than PASSED (retries used up, gave up waiting)
 * @param queueWaitP50Ms             submission to first start, median over tasks
 * @param attempts                   attempts started, retries and speculative copies included
 * @param failures                   attempts that failed (the machine's failures, lost with their worker)
 * @param speculativeCopies          attempts started while another attempt of the task still ran
 * @param stopped                    attempts the coordinator stopped (losing copies, cancels)
 * @param schedulerCpuMicrosPerTask  CPU time of the simulation's thread inside the coordinator's
 *                                   {@code submit} and {@code step}, per task
 * @param wallMillis                 how long the simulation of this policy took on this machine
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyResult(Placement policy, long makespanMs, double ratio, int tasks, int unfinished, int notPassed,
                           long queueWaitP50Ms, long queueWaitP99Ms, long attempts, long failures,
                           long speculativeCopies, long stopped, long joins, long leaves, long deaths, long steps,
                           Double schedulerCpuMicrosPerTask, Long wallMillis) {

    /** This result without what was measured on the machine: the same inputs give the same rest. */
    public PolicyResult deterministic() {
        return new PolicyResult(policy, makespanMs, ratio, tasks, unfinished, notPassed, queueWaitP50Ms, queueWaitP99Ms,
                attempts, failures, speculativeCopies, stopped, joins, leaves, deaths, steps, null, null);
    }
}
