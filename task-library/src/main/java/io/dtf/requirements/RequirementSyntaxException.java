package io.dtf.requirements;

/** A requirement line that cannot be read; the message says what is wrong and what would be valid. */
public class RequirementSyntaxException extends IllegalArgumentException {
    public RequirementSyntaxException(String message) {
        super(message);
    }
}
