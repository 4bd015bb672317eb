package io.dtf.worker.artifact;

/** A task's artifact the worker could not provide; the message names the artifact and why. */
public class ArtifactUnavailableException extends Exception {
    public ArtifactUnavailableException(String message) {
        super(message);
    }

    public ArtifactUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
