package io.dtf.coordinator;

/**
 * How the scheduler picks a worker for a queued task. {@link #EARLIEST_FINISH} is DTF's policy; the
 * others are the naive ones it is measured against.
 */
public enum Placement {
    /** The matching worker where the task is expected to finish first, by its history on that hardware. */
    EARLIEST_FINISH,
    /** The matching worker with the most free slots, tasks in priority then submission order. */
    FIRST_FREE,
    /** Matching workers in turn, whatever their speed or load. */
    ROUND_ROBIN,
    /** Longest expected task first, to the least loaded worker, as if every worker were equally fast. */
    LPT_EQUAL_SPEED
}
