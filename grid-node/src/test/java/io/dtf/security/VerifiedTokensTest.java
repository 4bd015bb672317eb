package io.dtf.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.token.TokenRejectedException;
import io.dtf.security.token.TokenRejectedException.Reason;
import io.dtf.security.token.TokenVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verified token is believed for a few seconds: a revocation waits that long, an expiry not at all. */
class VerifiedTokensTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final Set<String> revoked = new HashSet<>();

    @TempDir
    Path dir;

    @Test
    void aRevokedTokenIsRefusedOnceItsFewSecondsAreUpAndAnExpiredOneAtOnce() {
        SigningKeys keys = SigningKeys.create(dir);
        TokenIssuer issuer = new TokenIssuer(keys, clock);
        VerifiedTokens tokens = new VerifiedTokens(TokenVerifier.of(keys, revoked::contains, clock), clock,
                Duration.ofSeconds(5));
        TokenIssuer.Issued leaver = issuer.issue(Role.VIEWER, "leaver", Duration.ofHours(1));
        TokenIssuer.Issued brief = issuer.issue(Role.VIEWER, "brief", Duration.ofSeconds(3));
        assertEquals("leaver", tokens.verify(leaver.token()).subject());
        assertEquals("brief", tokens.verify(brief.token()).subject());

        revoked.add(leaver.tokenId());
        clock.now = clock.now.plusSeconds(4);
        assertEquals("leaver", tokens.verify(leaver.token()).subject(), "still believed");
        assertEquals(Reason.EXPIRED, assertThrows(TokenRejectedException.class, () -> tokens.verify(brief.token()))
                .reason());
        clock.now = clock.now.plusSeconds(2);
        assertEquals(Reason.REVOKED, assertThrows(TokenRejectedException.class, () -> tokens.verify(leaver.token()))
                .reason());
        // One character of the signature changed, well before its last, whose low bits are padding: a
        // fixed replacement ("AA" at the end) was the same token whenever the signature ended so.
        String token = leaver.token();
        int at = token.length() - 10;
        String altered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(TokenRejectedException.class, () -> tokens.verify(altered))
                .reason(), "only the very token verified is remembered");
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
