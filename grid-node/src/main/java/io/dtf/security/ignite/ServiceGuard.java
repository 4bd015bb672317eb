package io.dtf.security.ignite;

import io.dtf.audit.AuditAction;
import io.dtf.audit.AuditLog;
import io.dtf.client.CoordinatorApi;
import io.dtf.security.GridSecurity;
import io.dtf.security.Principal;
import io.dtf.security.ServiceAccess;
import io.dtf.security.ServiceCallCheck;
import io.dtf.security.ServiceCaller;
import io.dtf.security.VerifiedTokens;
import io.dtf.wire.SafeText;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.ignite.Ignite;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.ServiceCallContext;
import org.apache.ignite.services.ServiceCallInterceptor;
import org.apache.ignite.services.ServiceContext;

/**
 * The one place where every call to a DTF service is checked, on the node that serves it, before
 * the service sees it: on a node with security on ({@link GridSecurity#of}), the call's token and role
 * against {@link ServiceAccess}; with security off, nothing (the call goes ahead as it always did).
 * Refusals go to the grid's audit log; what an accepted call does, the service records with its caller. Set on every DTF service's
 * configuration ({@code ServiceConfiguration.setInterceptors}).
 */
public final class ServiceGuard implements ServiceCallInterceptor {
    private static final long serialVersionUID = 1L;

    @IgniteInstanceResource
    private transient Ignite ignite;
    /** Tokens this node verified lately, for the grid security it verified them with. */
    private transient volatile VerifiedTokens tokens;

    @Override
    public Object invoke(String method, Object[] args, ServiceContext context, Callable<Object> next) throws Exception {
        Optional<GridSecurity> security = GridSecurity.of(ignite);
        if (security.isEmpty()) {
            return next.call();
        }
        AuditLog audit = security.get().audit();
        Principal caller;
        try {
            caller = new ServiceCallCheck(tokens(security.get()), new StoredRunOwners(ignite))
                    .check(context.name(), method, args == null ? new Object[0] : args, authorization(context),
                            GridNodeCaller.of(ignite));
        } catch (ServiceCallCheck.Refusal refusal) {
            audit.record(refusal.tokenRefused() ? AuditAction.TOKEN_REFUSED : AuditAction.DENIED,
                    refusal.caller().map(Principal::subject).orElse(AuditLog.ANONYMOUS), localNode(), false,
                    SafeText.abbreviated(refusal.denied().getMessage(), 300));
            throw refusal.denied();
        }
        // What the call then does (a submission, a cancel, a revocation) the service records itself, with this caller.
        return ServiceCaller.as(caller, next);
    }

    private VerifiedTokens tokens(GridSecurity security) {
        VerifiedTokens known = tokens;
        if (known == null || known.verifier() != security.verifier()) {
            known = new VerifiedTokens(security.verifier(), Clock.systemUTC(), VerifiedTokens.DEFAULT_TTL);
            tokens = known;
        }
        return known;
    }

    private static String authorization(ServiceContext context) {
        ServiceCallContext call = context.currentCallContext();
        return call == null ? null : call.attribute(CoordinatorApi.TOKEN_ATTRIBUTE);
    }

    private String localNode() {
        return ignite.cluster().localNode().id().toString();
    }
}
