package io.dtf.security;

import io.dtf.security.token.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers for a few seconds who the tokens it has verified belong to, so that a client polling a
 * run does not pay a signature check (about a millisecond of CPU for ES256) on every call. Only a
 * byte-identical token hits; an entry is dropped once its token has expired, and a revocation takes
 * effect within {@link #DEFAULT_TTL}.
 */
public final class VerifiedTokens {
    /** How long a verified token is believed without checking it again. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    /** More distinct live tokens than this and the memory starts afresh. */
    private static final int MAX_ENTRIES = 10_000;

    private final TokenVerifier verifier;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Principal principal, Instant checkAgainAt) {
    }

    public VerifiedTokens(TokenVerifier verifier, Clock clock, Duration ttl) {
        this.verifier = verifier;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The verifier whose answers this remembers. */
    public TokenVerifier verifier() {
        return verifier;
    }

    /**
     * The holder of {@code token}, as {@link TokenVerifier#verify(String)} says.
     *
     * @throws io.dtf.security.token.TokenRejectedException as {@link TokenVerifier#verify(String)} does
     */
    public Principal verify(String token) {
        Instant now = clock.instant();
        Entry known = token == null ? null : entries.get(token);
        if (known != null && now.isBefore(known.checkAgainAt()) && now.isBefore(known.principal().expiresAt())) {
            return known.principal();
        }
        Principal principal = verifier.verify(token);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(token, new Entry(principal, now.plus(ttl)));
        return principal;
    }
}
