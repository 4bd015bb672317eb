package io.dtf.security.ignite;

import io.dtf.security.Role;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/**
 * The security subject ids of thin-client connections. Ignite sends only a subject id with the
 * messages a connection causes on other nodes (a service call forwarded to the coordinator's node),
 * and each node must turn it back into a security context. A DTF client id carries a marker and
 * the client's role, so any node can; the marker's UUID version (0) is one that Ignite's random
 * node ids (version 4) never have.
 */
final class ClientSubjectIds {
    private static final long MARKER = 0x0D7F_C11E_0000_0000L;
    private static final long MARKER_MASK = 0xFFFF_FFFF_FFFF_0000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientSubjectIds() {
    }

    /** A fresh id for a connection of a client with {@code role}. */
    static UUID next(Role role) {
        return new UUID(MARKER | role.ordinal(), RANDOM.nextLong());
    }

    /** The role of a client id; empty for any other id (a node's). */
    static Optional<Role> role(UUID id) {
        if ((id.getMostSignificantBits() & MARKER_MASK) != MARKER) {
            return Optional.empty();
        }
        int ordinal = (int) (id.getMostSignificantBits() & 0xFFFF);
        Role[] roles = Role.values();
        return ordinal < roles.length ? Optional.of(roles[ordinal]) : Optional.empty();
    }
}
