package io.dtf.model;

import java.time.Instant;

/**
 * Which audit entries {@code dtf audit} asks for: the newest {@code limit} that match every filter given.
 *
 * @param since       only entries at or after this instant; null for all
 * @param action      only this action ({@code submit}), or a family of them ({@code token} matches
 *                    {@code token.use} and {@code token.refused}); null for all
 * @param subject     only entries by this subject (exactly); null for all
 * @param refusedOnly only what was refused ({@code allowed = false})
 * @param limit       at most this many, the newest; 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(Instant since, String action, String subject, boolean refusedOnly, int limit) {
    /** The most entries one query answers. */
    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 100;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        action = blankToNull(action, "action");
        subject = blankToNull(subject, "subject");
    }

    /** Everything, newest {@value #DEFAULT_LIMIT}. */
    public static AuditQuery latest() {
        return new AuditQuery(null, null, null, false, DEFAULT_LIMIT);
    }

    private static String blankToNull(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + ": give a value, or leave the option out for all");
        }
        return value;
    }
}
