package io.dtf.console.grid;

import io.dtf.client.AggregatorApi;
import io.dtf.client.CoordinatorApi;
import io.dtf.console.auth.Caller;
import io.dtf.live.LiveState;
import io.dtf.live.ignite.SqlLiveState;
import io.dtf.node.NodeContext;
import io.dtf.security.GridSecurity;
import io.dtf.security.Principal;
import io.dtf.security.token.TokenRejectedException;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.apache.ignite.services.ServiceCallContext;

/**
 * The grid as the console's routes see it: the node it runs on, live state, and the coordinator and
 * aggregator services called on a caller's behalf (their token goes with the call, so the services
 * check it as they check any client's and record the caller as the owner of what they submit).
 */
public final class ConsoleGrid {
    /** How long a service call waits for its service to be deployed (a coordinator moving, say). */
    private static final long SERVICE_WAIT_MILLIS = 10_000;

    private final Ignite ignite;
    private final Optional<GridSecurity> security;
    private final LiveState live;

    public ConsoleGrid(Ignite ignite, Optional<GridSecurity> security, LiveState live) {
        this.ignite = ignite;
        this.security = security;
        this.live = live;
    }

    public static ConsoleGrid of(NodeContext context) {
        Ignite ignite = context.ignite();
        // No wait for the coordinator: live state asks it only for counts and why tasks wait, and does without
        // them (SQL counts, no reasons) while it moves, rather than hold a page for the service's wait.
        LiveState live = new SqlLiveState(ignite, () -> ignite.services().serviceProxy(CoordinatorApi.SERVICE_NAME,
                CoordinatorApi.class, false, 0));
        return new ConsoleGrid(ignite, context.security(), live);
    }

    /** The node the console runs on. */
    public Ignite ignite() {
        return ignite;
    }

    /** Runs and tasks as they are now. Read as this node (no token): check the caller's role first. */
    public LiveState live() {
        return live;
    }

    /** Whether people must log in (the grid's security is on). */
    public boolean secured() {
        return security.isPresent();
    }

    /** The holder of {@code token}; throws {@link TokenRejectedException} saying why when it is not good. */
    public Principal verify(String token) {
        return security.orElseThrow(() -> new IllegalStateException("security is off: there are no tokens to check"))
                .verifier().verify(token);
    }

    /** The coordinator service, called as {@code caller}. */
    public CoordinatorApi coordinator(Caller caller) {
        return ignite.services().serviceProxy(CoordinatorApi.SERVICE_NAME, CoordinatorApi.class, false,
                context(caller), SERVICE_WAIT_MILLIS);
    }

    /** The aggregator service of any aggregator node, called as {@code caller}. */
    public AggregatorApi aggregator(Caller caller) {
        return ignite.services().serviceProxy(AggregatorApi.SERVICE_NAME, AggregatorApi.class, false,
                context(caller), SERVICE_WAIT_MILLIS);
    }

    /** The caller's token in the call context, as DTF's clients send it; none while security is off. */
    private static ServiceCallContext context(Caller caller) {
        return caller.bearer() == null ? null : ServiceCallContext.builder()
                .put(CoordinatorApi.TOKEN_ATTRIBUTE, "Bearer " + caller.bearer()).build();
    }

    /**
     * Whether an aggregator service is deployed on a live node: history lives in its DuckDB file, and a proxy
     * to a service deployed nowhere waits before it fails. Checked before asking, so a page can say so at once.
     */
    public boolean aggregatorUp() {
        return ignite.services().serviceDescriptors().stream()
                .filter(d -> AggregatorApi.SERVICE_NAME.equals(d.name()))
                .anyMatch(d -> d.topologySnapshot().values().stream().anyMatch(n -> n != null && n > 0));
    }
}
