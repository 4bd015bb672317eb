package io.dtf.client;

/**
 * The grid a client talks to is gone for good: the embedded node stopped (Ignite's failure handler
 * stopped it, say, after running out of memory), or no address of the grid has answered for a
 * while. The run's outcome is unknown; on a grid that is still up elsewhere, it goes on.
 */
public final class GridLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GridLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
