package io.dtf.audit;

/** What an audit entry records; {@link #label()} is what the audit table and {@code dtf audit} show. */
public enum AuditAction {
    SUBMIT("submit"),
    CANCEL("cancel"),
    RELEASE("release"),
    QUARANTINE("quarantine"),
    /** A token was accepted for a call or a connection. */
    TOKEN_USE("token.use"),
    /** A token, or its absence, was refused. */
    TOKEN_REFUSED("token.refused"),
    /** A call or operation refused for want of a role or permission. */
    DENIED("denied"),
    TOKEN_REVOKE("token.revoke"),
    JOIN("join"),
    JOIN_REFUSED("join.refused"),
    /** A worker's report whose signature did not verify. */
    BAD_SIGNATURE("result.bad-signature");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
