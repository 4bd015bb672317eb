package io.dtf.security;

import java.time.Instant;
import java.util.List;

/**
 * Who presented a verified token. Safe to log: it holds no secret (the token id names the token
 * without being it).
 *
 * @param subject   who the token was issued to (a person, a CI job, a node name)
 * @param role      what it may do
 * @param tokenId   the token's id ({@code jti}): what a revocation names
 * @param expiresAt when the token stops being accepted
 * @param tags      for a node token, the tags the node may offer; empty for others
 * @param attrs     for a node token, the attributes (keys) the node may declare rather than detect
 */
public record Principal(String subject, Role role, String tokenId, Instant expiresAt, List<String> tags,
        List<String> attrs) {
    public Principal {
        tags = tags == null ? List.of() : List.copyOf(tags);
        attrs = attrs == null ? List.of() : List.copyOf(attrs);
    }

    @Override
    public String toString() {
        return role.label() + " " + subject + " (token " + tokenId + ")";
    }
}
