package io.dtf.security.ignite;

import io.dtf.audit.AuditAction;
import io.dtf.audit.AuditLog;
import io.dtf.client.CoordinatorApi;
import io.dtf.model.CancelReply;
import io.dtf.model.RevokeReply;
import io.dtf.model.SubmitReply;
import io.dtf.security.GridSecurity;
import io.dtf.security.Principal;
import io.dtf.security.ServiceAccess;
import io.dtf.security.ServiceCallCheck;
import io.dtf.security.ServiceCaller;
import io.dtf.security.VerifiedTokens;
import io.dtf.wire.Json;
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
 * Refusals, submissions and cancellations go to the grid's audit log. Set on every DTF service's
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
                    refusal.caller().map(Principal::subject).orElse("anonymous"), localNode(), false,
                    SafeText.abbreviated(refusal.denied().getMessage(), 300));
            throw refusal.denied();
        }
        Object answer = ServiceCaller.as(caller, next);
        if (CoordinatorApi.SERVICE_NAME.equals(context.name())) {
            recordOutcome(audit, caller, method, args, answer);
        }
        return answer;
    }

    /** Submissions and cancellations are audited with who asked and what came of it. */
    private void recordOutcome(AuditLog audit, Principal caller, String method, Object[] args, Object answer) {
        if ("submit".equals(method) && answer instanceof String json) {
            SubmitReply reply = Json.read(json, SubmitReply.class);
            audit.record(AuditAction.SUBMIT, caller.subject(), localNode(), reply.accepted(), reply.accepted()
                    ? "run " + reply.runId() : SafeText.abbreviated("refused: " + String.join("; ", reply.errors()), 300));
        } else if ("cancelRun".equals(method) && answer instanceof String json) {
            CancelReply reply = Json.read(json, CancelReply.class);
            String what = "run " + args[0] + (args.length > 1 && args[1] != null ? " task " + args[1] : "");
            audit.record(AuditAction.CANCEL, caller.subject(), localNode(), reply.accepted(), SafeText.abbreviated(
                    reply.accepted() ? what : what + " refused: " + String.join("; ", reply.errors()), 300));
        } else if ("revokeToken".equals(method) && answer instanceof String json) {
            RevokeReply reply = Json.read(json, RevokeReply.class);
            boolean revoked = reply.errors().isEmpty();
            audit.record(AuditAction.TOKEN_REVOKE, caller.subject(), localNode(), revoked, SafeText.abbreviated(
                    "token " + reply.tokenId() + (revoked ? " until " + reply.until()
                            : " refused: " + String.join("; ", reply.errors())), 300));
        }
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
