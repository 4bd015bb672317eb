package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final TokenClaims claims = new TokenClaims(Duration.ofSeconds(10));

    @Test
    void aTokenHeldByALiveNodeIsRefusedToAnotherAndGrantedAgainToTheSameNode() {
        assertEquals(Optional.empty(), claims.claim("t", first, T0, Set.of(first)::contains));
        assertEquals(Optional.of(first), claims.claim("t", second, T0.plusSeconds(60), Set.of(first)::contains));
        assertEquals(Optional.empty(), claims.claim("t", first, T0.plusSeconds(60), Set.of(first)::contains));
    }

    @Test
    void twoJoinsAtOnceWithOneTokenDoNotBothPass() {
        assertEquals(Optional.empty(), claims.claim("t", first, T0, id -> false));
        assertEquals(Optional.of(first), claims.claim("t", second, T0.plusSeconds(1), id -> false));
    }

    @Test
    void aClaimIsFreedWhenItsNodeLeavesOrNeverAppears() {
        claims.claim("t", first, T0, Set.of(first)::contains);
        claims.release(first);
        assertEquals(Optional.empty(), claims.claim("t", second, T0.plusSeconds(1), Set.of(first)::contains));
        assertEquals(Optional.empty(), claims.claim("t", first, T0.plusSeconds(12), id -> false), "lapsed");
    }
}
