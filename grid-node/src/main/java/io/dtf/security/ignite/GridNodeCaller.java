package io.dtf.security.ignite;

import java.util.Optional;
import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.security.IgniteSecurity;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.plugin.security.SecuritySubjectType;

/**
 * Whether Ignite's security vouches that the operation running on this thread comes from a grid node
 * (a node its security plugin admitted), not from a thin client. Ignite carries the caller's security
 * context with every message, so a thin client's call stays the thin client's on whichever node the
 * service runs. Without a security plugin Ignite vouches for nobody.
 */
final class GridNodeCaller {
    private GridNodeCaller() {
    }

    /** The calling node's id, when Ignite's security says the caller is a node. */
    static Optional<String> of(Ignite ignite) {
        IgniteSecurity security = ((IgniteEx) ignite).context().security();
        if (!security.enabled()) {
            return Optional.empty();
        }
        SecurityContext context = security.securityContext();
        if (context == null || context.subject() == null || context.subject().type() != SecuritySubjectType.REMOTE_NODE) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(context.subject().id()));
    }
}
