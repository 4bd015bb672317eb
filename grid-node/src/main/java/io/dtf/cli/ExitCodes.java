package io.dtf.cli;

/** What the {@code dtf} process exit code means; documented in the README. */
public final class ExitCodes {
    /** Everything ran and passed. */
    public static final int OK = 0;
    /** The run finished and at least one task did not pass. */
    public static final int TASKS_FAILED = 1;
    /** A command-line option is wrong (picocli's usage errors). */
    public static final int USAGE = 2;
    /** The suite file is invalid; nothing ran. */
    public static final int INVALID_SUITE = 3;
    /**
     * The grid could not be reached or failed; the run's outcome is unknown. Also: a run's results
     * could not all be read back from the DuckDB file they were to be stored in.
     */
    public static final int GRID_ERROR = 4;
    /**
     * The grid refused the command's token: none given, expired, revoked, not the grid's, or a role
     * too low for the command (the message says which and what role is needed).
     */
    public static final int ACCESS_DENIED = 5;

    private ExitCodes() {
    }
}
