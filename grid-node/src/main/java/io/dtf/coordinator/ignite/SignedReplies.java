package io.dtf.coordinator.ignite;

import io.dtf.audit.AuditAction;
import io.dtf.protocol.JobReply;
import io.dtf.coordinator.ReplyCheck;
import io.dtf.security.GridSecurity;
import io.dtf.security.ignite.ReportKeys;
import io.dtf.security.signing.ReportVerifier;
import io.dtf.wire.SafeText;
import java.util.Optional;
import org.apache.ignite.Ignite;

/**
 * The coordinator's check of workers' signatures: a reply must be signed by the node it names,
 * with the key registered for that node ({@link NodeKeyRegistry}). Signatures are required while
 * security is on; a refusal is audited ({@link AuditAction#BAD_SIGNATURE}) when the node has an
 * audit log.
 */
final class SignedReplies implements ReplyCheck {
    private final Ignite ignite;
    private final ReportVerifier verifier;

    SignedReplies(Ignite ignite) {
        this.ignite = ignite;
        this.verifier = new ReportVerifier(new NodeKeyRegistry(ignite), ReportKeys.signing(ignite));
    }

    @Override
    public Optional<String> refusal(JobReply reply) {
        if (reply.outcome() == null) {
            return Optional.of("the reply holds no outcome");
        }
        try {
            return verifier.refusal(reply.taskKey(), reply.attemptId(), reply.nodeId(), reply.hwClass(),
                    reply.outcome(), reply.signature());
        } catch (RuntimeException e) {
            // The registry is unreachable (data nodes restarting): nothing unchecked is stored; the attempt runs again.
            return Optional.of("its signature could not be checked now (" + e.getClass().getSimpleName() + ": "
                    + SafeText.abbreviated(String.valueOf(e.getMessage()), 200) + ")");
        }
    }

    @Override
    public void refused(JobReply reply, String reason) {
        GridSecurity.of(ignite).map(GridSecurity::audit).ifPresent(audit -> audit.record(AuditAction.BAD_SIGNATURE,
                "node " + reply.nodeId(), ignite.cluster().localNode().id().toString(), false,
                SafeText.abbreviated("attempt " + reply.attemptId() + " of " + reply.taskKey() + ": " + reason, 400)));
    }
}
