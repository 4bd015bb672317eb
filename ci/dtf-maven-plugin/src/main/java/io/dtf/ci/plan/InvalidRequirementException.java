package io.dtf.ci.plan;

/**
 * A requirement written in a test's annotations or the plugin's tag mapping that DTF cannot read;
 * the message names where it was written and what is wrong with it.
 */
public final class InvalidRequirementException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidRequirementException(String message, Throwable cause) {
        super(message, cause);
    }
}
