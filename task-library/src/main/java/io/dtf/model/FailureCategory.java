package io.dtf.model;

/**
 * Why an attempt did not pass. The category decides what happens next: an infrastructure-type
 * failure says little about the test and is retried on another node by default; a test failure,
 * a timeout or a bad definition is the task's own and is retried only if the task asks for it.
 */
public enum FailureCategory {
    /** The worker running the attempt left the grid (killed, crashed, cut off). */
    NODE_LEFT(true),
    /** The attempt ran past its timeout and was killed with its process tree. */
    TIMEOUT(false),
    /** Out of memory or another resource (disk, file handles, GPU memory) ran out. */
    RESOURCE_EXHAUSTED(true),
    /** The process died from a signal it did not send itself (SIGSEGV, SIGBUS, SIGKILL from outside). */
    PROCESS_CRASH(true),
    /** The grid could not run the attempt: the node refused it, a cache or the network failed. */
    INFRASTRUCTURE(true),
    /** The task ran and reported failure: a non-zero exit, a failed assertion. */
    TEST_FAILURE(false),
    /** The task cannot run anywhere as written: an unknown benchmark, a missing executable. */
    BAD_DEFINITION(false);

    private final boolean infrastructure;

    FailureCategory(boolean infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** Whether the failure is the machine's rather than the task's: retried on another node by default. */
    public boolean isInfrastructure() {
        return infrastructure;
    }

    /** The category an attempt with this status has when nothing more specific is known. */
    public static FailureCategory defaultFor(TaskState status) {
        return switch (status) {
            case PASSED, FLAKY, QUEUED, RUNNING, CANCELLED -> null;
            case FAILED -> TEST_FAILURE;
            case TIMED_OUT -> TIMEOUT;
            case ERROR -> INFRASTRUCTURE;
        };
    }
}
