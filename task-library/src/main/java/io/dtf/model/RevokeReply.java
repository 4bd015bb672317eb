package io.dtf.model;

import java.time.Instant;
import java.util.List;

/**
 * The grid's answer to a token revocation. Revoking is idempotent, and a revocation never gets
 * shorter: asking again with an earlier end keeps the later one.
 *
 * @param tokenId the token revoked
 * @param until   until when every node refuses it (the later of the asked end and any earlier one)
 * @param errors  why nothing was revoked (a malformed id, an end in the past), else empty
 */
public record RevokeReply(String tokenId, Instant until, List<String> errors) {
    public RevokeReply {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A refusal: nothing was revoked, for the reason given. */
    public static RevokeReply refused(String tokenId, String error) {
        return new RevokeReply(tokenId, null, List.of(error));
    }

    public boolean accepted() {
        return errors.isEmpty();
    }
}
