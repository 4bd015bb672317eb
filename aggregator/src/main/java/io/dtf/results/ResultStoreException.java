package io.dtf.results;

/** A {@link ResultStore} could not be opened, read or written; the cause says why. */
public class ResultStoreException extends RuntimeException {
    public ResultStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
