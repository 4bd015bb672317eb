package io.dtf.security.ignite;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Which node holds which node token, so that one token admits one live node at a time: a token
 * copied to a second machine (or replayed from a captured join) is refused while its first node
 * lives.
 *
 * <p>The live nodes' tokens are in their security contexts, which every member holds; these claims
 * cover the moment in between, a node admitted but not yet in the topology, so two joins with one
 * token at once do not both pass. A claim whose node never appears lapses after {@code pending}.
 */
final class TokenClaims {
    private record Claim(UUID nodeId, Instant at) {
    }

    private final Map<String, Claim> byToken = new HashMap<>();
    private final Duration pending;

    TokenClaims(Duration pending) {
        this.pending = pending;
    }

    /**
     * Claims token {@code tokenId} for node {@code nodeId}; answers the other node that holds it,
     * or empty when the claim is made.
     *
     * @param live whether a node id is in the topology now
     */
    synchronized Optional<UUID> claim(String tokenId, UUID nodeId, Instant now, Predicate<UUID> live) {
        Claim held = byToken.get(tokenId);
        if (held != null && !held.nodeId().equals(nodeId)
                && (live.test(held.nodeId()) || now.isBefore(held.at().plus(pending)))) {
            return Optional.of(held.nodeId());
        }
        byToken.put(tokenId, new Claim(nodeId, now));
        return Optional.empty();
    }

    /** Node {@code nodeId} left or failed: its token is free again. */
    synchronized void release(UUID nodeId) {
        byToken.values().removeIf(c -> c.nodeId().equals(nodeId));
    }
}
