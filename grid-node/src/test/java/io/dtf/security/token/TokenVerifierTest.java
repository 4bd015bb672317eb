package io.dtf.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.security.Principal;
import io.dtf.security.Role;
import io.dtf.security.token.TokenRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens made with one key directory, checked the way every interface checks them. */
class TokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aTokenNamesItsHolderRoleAndNodeTags() {
        SigningKeys keys = SigningKeys.create(dir);
        TokenIssuer.Issued issued = new TokenIssuer(keys, clock).issue(Role.NODE, "gpu-box-1", Duration.ofDays(30),
                List.of("gpu", "cuda"), List.of("dtf.gpu.count"));

        Principal p = verifier(keys, RevocationList.NONE).verify(issued.token());

        assertEquals(new Principal("gpu-box-1", Role.NODE, issued.tokenId(), NOW.plus(Duration.ofDays(30)),
                List.of("gpu", "cuda"), List.of("dtf.gpu.count")), p);
        assertFalse(p.toString().contains(issued.token()), "a principal never shows the token");
    }

    @Test
    void expiredForgedForeignRevokedOversizedAndMalformedTokensAreRefusedSayingWhy() {
        SigningKeys keys = SigningKeys.create(dir.resolve("ours"));
        TokenIssuer issuer = new TokenIssuer(keys, clock);
        String token = issuer.issue(Role.SUBMITTER, "ci", Duration.ofHours(1)).token();
        TokenVerifier verifier = verifier(keys, RevocationList.NONE);

        TokenVerifier later = TokenVerifier.of(keys, RevocationList.NONE, Clock.offset(clock, Duration.ofHours(2)));
        assertRefused(Reason.EXPIRED, later, token);

        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"submitter\"", "\"admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(Reason.BAD_SIGNATURE, verifier, forged);

        SigningKeys theirs = SigningKeys.create(dir.resolve("theirs"));
        assertRefused(Reason.UNKNOWN_KEY, verifier, new TokenIssuer(theirs, clock).issue(Role.ADMIN, "x",
                Duration.ofHours(1)).token());

        TokenIssuer.Issued leaver = issuer.issue(Role.VIEWER, "leaver", Duration.ofHours(1));
        assertRefused(Reason.REVOKED, verifier(keys, leaver.tokenId()::equals), leaver.token());

        assertRefused(Reason.OVERSIZED, verifier, "a".repeat(TokenVerifier.MAX_LENGTH + 1));
        assertRefused(Reason.MALFORMED, verifier, "not-a-jwt");
        assertRefused(Reason.MALFORMED, verifier, "a.b.c");
        assertRefused(Reason.MISSING, verifier, " ");
        assertRefused(Reason.WRONG_ROLE, () -> verifier.verify(token, Role.ADMIN));
    }

    @Test
    void aRotatedKeyKeepsVerifyingUntilItIsRetired() {
        SigningKeys first = SigningKeys.create(dir);
        String old = new TokenIssuer(first, clock).issue(Role.VIEWER, "v", Duration.ofDays(1)).token();

        SigningKeys rotated = SigningKeys.rotate(dir);
        String fresh = new TokenIssuer(rotated, clock).issue(Role.VIEWER, "v", Duration.ofDays(1)).token();
        assertEquals("v", verifier(rotated, RevocationList.NONE).verify(old).subject());
        assertEquals("v", verifier(rotated, RevocationList.NONE).verify(fresh).subject());

        assertThrows(IllegalArgumentException.class, () -> SigningKeys.retire(dir, rotated.currentKid()),
                "the key that signs new tokens cannot be retired");
        SigningKeys retired = SigningKeys.retire(dir, first.currentKid());
        assertRefused(Reason.UNKNOWN_KEY, verifier(retired, RevocationList.NONE), old);
        assertEquals("v", verifier(SigningKeys.load(dir), RevocationList.NONE).verify(fresh).subject());
    }

    @Test
    void rolesIncludeTheOnesBelowAndANodeTokenGrantsNoClientCall() {
        assertTrue(Role.ADMIN.grants(Role.SUBMITTER));
        assertTrue(Role.SUBMITTER.grants(Role.VIEWER));
        assertFalse(Role.VIEWER.grants(Role.SUBMITTER));
        assertFalse(Role.NODE.grants(Role.VIEWER));
        assertFalse(Role.ADMIN.grants(Role.NODE));
        assertEquals("role 'root' is not one of viewer, submitter, admin, node",
                assertThrows(IllegalArgumentException.class, () -> Role.parse("root")).getMessage());
    }

    private TokenVerifier verifier(SigningKeys keys, RevocationList revocations) {
        return TokenVerifier.of(keys, revocations, clock);
    }

    private static void assertRefused(Reason reason, TokenVerifier verifier, String token) {
        assertRefused(reason, () -> verifier.verify(token));
    }

    private static void assertRefused(Reason reason, org.junit.jupiter.api.function.Executable check) {
        TokenRejectedException e = assertThrows(TokenRejectedException.class, check);
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
