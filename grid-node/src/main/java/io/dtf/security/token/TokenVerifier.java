package io.dtf.security.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import com.auth0.jwt.interfaces.Verification;
import io.dtf.security.Principal;
import io.dtf.security.Role;
import io.dtf.security.token.TokenRejectedException.Reason;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks a token and says who holds it. A token is accepted when it is a well-formed ES256 JWT of
 * at most {@link #MAX_LENGTH} characters, issued by DTF, signed by a key this verifier knows (by
 * its key id), not expired, not revoked, and names a known role. Every refusal says why without
 * repeating the token.
 */
public final class TokenVerifier {
    /** Far above any token DTF makes (about 600 characters): a longer one is refused unread. */
    public static final int MAX_LENGTH = 8 * 1024;

    private final Supplier<Map<String, ECPublicKey>> keys;
    private final RevocationList revocations;
    private final Clock clock;

    /**
     * @param keys        the verifying keys by id, asked at every check so that a rotation takes effect
     * @param revocations tokens revoked before they expire
     */
    public TokenVerifier(Supplier<Map<String, ECPublicKey>> keys, RevocationList revocations, Clock clock) {
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** A verifier of the keys in {@code signingKeys}, as they are now. */
    public static TokenVerifier of(SigningKeys signingKeys, RevocationList revocations, Clock clock) {
        Map<String, ECPublicKey> known = signingKeys.verifyingKeys();
        return new TokenVerifier(() -> known, revocations, clock);
    }

    /**
     * The holder of {@code token}.
     *
     * @throws TokenRejectedException when the token is not accepted, saying why
     */
    public Principal verify(String token) {
        if (token == null || token.isBlank()) {
            throw new TokenRejectedException(Reason.MISSING, "no token: give one with --token, DTF_TOKEN or a token file");
        }
        if (token.length() > MAX_LENGTH) {
            throw new TokenRejectedException(Reason.OVERSIZED, "the token is " + token.length()
                    + " characters long; a DTF token has far fewer than " + MAX_LENGTH);
        }
        Map<String, ECPublicKey> known = keys.get();
        DecodedJWT jwt;
        try {
            DecodedJWT unverified = JWT.decode(token.strip());
            if (unverified.getKeyId() == null || !known.containsKey(unverified.getKeyId())) {
                throw new TokenRejectedException(Reason.UNKNOWN_KEY, "the token was signed by key "
                        + unverified.getKeyId() + ", which this grid does not know (retired, or another grid's)");
            }
            Verification require = JWT.require(Algorithm.ECDSA256(provider(known)))
                    .withIssuer(TokenIssuer.ISSUER)
                    .withClaimPresence(TokenIssuer.ROLE)
                    .withClaimPresence("jti")
                    .withClaimPresence("sub")
                    .withClaimPresence("exp")
                    .acceptLeeway(0);
            JWTVerifier verifier = ((JWTVerifier.BaseVerification) require).build(clock); // a clock tests can set
            jwt = verifier.verify(unverified);
        } catch (TokenRejectedException e) {
            throw e;
        } catch (TokenExpiredException e) {
            throw new TokenRejectedException(Reason.EXPIRED, "the token expired at " + e.getExpiredOn()
                    + ": ask for a new one");
        } catch (SignatureVerificationException | AlgorithmMismatchException e) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, "the token's signature does not verify: "
                    + "it was altered, or not made by this grid's key");
        } catch (JWTDecodeException e) {
            throw new TokenRejectedException(Reason.MALFORMED, "the token is not a JWT (three base64url parts "
                    + "separated by dots)");
        } catch (JWTVerificationException e) {
            throw new TokenRejectedException(Reason.MALFORMED, "the token is not a DTF token: " + e.getMessage());
        }
        Role role;
        try {
            role = Role.parse(jwt.getClaim(TokenIssuer.ROLE).asString());
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException(Reason.MALFORMED, "the token's " + e.getMessage());
        }
        if (revocations.revoked(jwt.getId())) {
            throw new TokenRejectedException(Reason.REVOKED, "token " + jwt.getId() + " was revoked: ask for a new one");
        }
        return new Principal(jwt.getSubject(), role, jwt.getId(), jwt.getExpiresAtAsInstant(),
                list(jwt, TokenIssuer.TAGS), list(jwt, TokenIssuer.ATTRS));
    }

    /**
     * The holder of {@code token}, who must have a role that grants {@code needed}.
     *
     * @throws TokenRejectedException when the token is not accepted or its role is not enough
     */
    public Principal verify(String token, Role needed) {
        Principal p = verify(token);
        if (!p.role().grants(needed)) {
            throw new TokenRejectedException(Reason.WRONG_ROLE, p.subject() + " has role " + p.role().label()
                    + "; this needs " + needed.label());
        }
        return p;
    }

    private static List<String> list(DecodedJWT jwt, String claim) {
        List<String> values = jwt.getClaim(claim).isNull() || jwt.getClaim(claim).isMissing() ? null
                : jwt.getClaim(claim).asList(String.class);
        return values == null ? List.of() : values;
    }

    private static ECDSAKeyProvider provider(Map<String, ECPublicKey> known) {
        return new ECDSAKeyProvider() {
            @Override
            public ECPublicKey getPublicKeyById(String kid) {
                return known.get(kid);
            }

            @Override
            public ECPrivateKey getPrivateKey() {
                return null;
            }

            @Override
            public String getPrivateKeyId() {
                return null;
            }
        };
    }
}
