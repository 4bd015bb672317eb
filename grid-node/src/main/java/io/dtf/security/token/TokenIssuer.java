package io.dtf.security.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.dtf.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Makes tokens: JWTs signed with the current key of a {@link SigningKeys} directory (ES256), the
 * key id in the header so that verifiers pick the right public key after a rotation.
 */
public final class TokenIssuer {
    /** The {@code iss} of every DTF token. */
    public static final String ISSUER = "dtf";
    static final String ROLE = "role";
    static final String TAGS = "tags";
    static final String ATTRS = "attrs";

    private final SigningKeys keys;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, Clock clock) {
        if (keys.signingKey().isEmpty()) {
            throw new IllegalArgumentException(keys.dir() + " holds no private key for " + keys.currentKid()
                    + ": tokens are made where the private key is, e.g. the machine that ran 'dtf keys init'");
        }
        this.keys = keys;
        this.clock = clock;
    }

    /** A token for {@code subject} with {@code role}, valid for {@code ttl}; no tags or attributes. */
    public Issued issue(Role role, String subject, Duration ttl) {
        return issue(role, subject, ttl, List.of(), List.of());
    }

    /**
     * A token for {@code subject} with {@code role}, valid for {@code ttl}. A node token may list the
     * tags its node may offer and the attributes it may declare.
     */
    public Issued issue(Role role, String subject, Duration ttl, List<String> tags, List<String> attrs) {
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw new IllegalArgumentException("subject: give who the token is for (1 to 200 characters), e.g. ci-main");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: give a positive duration, e.g. 30d");
        }
        if (role != Role.NODE && (!tags.isEmpty() || !attrs.isEmpty())) {
            throw new IllegalArgumentException("tags and attributes are for node tokens only");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String id = UUID.randomUUID().toString();
        String token = JWT.create()
                .withKeyId(keys.currentKid())
                .withIssuer(ISSUER)
                .withSubject(subject)
                .withJWTId(id)
                .withIssuedAt(now)
                .withExpiresAt(expires)
                .withClaim(ROLE, role.label())
                .withClaim(TAGS, tags)
                .withClaim(ATTRS, attrs)
                .sign(Algorithm.ECDSA256(null, keys.signingKey().orElseThrow()));
        return new Issued(token, id, expires);
    }

    /**
     * A token made, with its id and expiry for the operator's records.
     *
     * @param token     the secret itself: hand it over, never log it
     * @param tokenId   what {@code dtf token revoke} takes
     * @param expiresAt when it stops being accepted
     */
    public record Issued(String token, String tokenId, Instant expiresAt) {
        @Override
        public String toString() {
            return "token " + tokenId + " (expires " + expiresAt + ")";
        }
    }
}
