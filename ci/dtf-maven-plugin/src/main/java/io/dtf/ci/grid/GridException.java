package io.dtf.ci.grid;

/** A grid call that failed; the message names what and where (it is shown to the user as it is). */
public class GridException extends RuntimeException {
    public GridException(String message) {
        super(message);
    }

    public GridException(String message, Throwable cause) {
        super(message, cause);
    }
}
