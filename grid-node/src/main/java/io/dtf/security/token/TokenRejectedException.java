package io.dtf.security.token;

/**
 * A token was not accepted. The message says why and what to do; it never contains the token.
 */
public final class TokenRejectedException extends RuntimeException {
    /** Why a token is refused, for counts and audit records. */
    public enum Reason { MISSING, MALFORMED, OVERSIZED, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, REVOKED, WRONG_ROLE }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
