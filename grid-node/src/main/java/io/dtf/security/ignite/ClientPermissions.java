package io.dtf.security.ignite;

import io.dtf.client.AggregatorApi;
import io.dtf.client.CoordinatorApi;
import java.util.Optional;
import java.util.Set;
import org.apache.ignite.plugin.security.SecurityPermission;

/**
 * What each kind of security context may do in Ignite. Nodes admitted with a node token are
 * trusted with everything, as Ignite's own members must be (they hold the caches and run the
 * tasks). A thin client, whatever its role, may only call the DTF services, which check its role
 * per method: it never reads, writes, creates or destroys a cache, runs compute, or changes the
 * cluster's state itself.
 */
final class ClientPermissions {
    /** The services a thin client may call. */
    static final Set<String> CLIENT_SERVICES = Set.of(CoordinatorApi.SERVICE_NAME, AggregatorApi.SERVICE_NAME);

    private ClientPermissions() {
    }

    /** Why {@code context} may not do {@code permission} on {@code name} (a cache, service or task); empty when it may. */
    static Optional<String> refusal(DtfSecurityContext context, String name, SecurityPermission permission) {
        return switch (context.kind()) {
            case NODE -> Optional.empty();
            // Its join is refused with the reason by the security processor's node validation, which Ignite
            // calls right after this check: passing it here lets that reason, not a generic one, reach the node.
            case REFUSED_NODE -> permission == SecurityPermission.JOIN_AS_SERVER ? Optional.empty()
                    : Optional.of("node " + context.subject().id() + " was refused at join: " + context.refusal());
            case CLIENT -> permission == SecurityPermission.SERVICE_INVOKE && CLIENT_SERVICES.contains(name)
                    ? Optional.empty()
                    : Optional.of("a thin client may only call the DTF services " + CLIENT_SERVICES.stream().sorted().toList()
                            + "; " + permission + (name == null ? "" : " on " + name) + " is for grid nodes");
        };
    }
}
