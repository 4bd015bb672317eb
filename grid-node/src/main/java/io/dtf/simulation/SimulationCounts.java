package io.dtf.simulation;

/** What the simulated grid counted while it ran one policy. */
final class SimulationCounts {
    /** Attempts started, speculative copies included. */
    long attempts;
    /** Attempts that failed: the machine's failures and those lost with their worker. */
    long failures;
    /** Attempts stopped by the coordinator (the slower of a task's speculative copies, a cancel). */
    long stopped;
    /** Attempts started while another attempt of the same task still ran. */
    long speculative;
    /** Attempts that ended, whichever way. */
    long ended;
    long joins;
    long leaves;
    long deaths;
}
