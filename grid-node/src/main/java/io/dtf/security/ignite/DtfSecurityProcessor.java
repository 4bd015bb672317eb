package io.dtf.security.ignite;

import io.dtf.audit.AuditAction;
import io.dtf.audit.AuditLog;
import io.dtf.hardware.HardwareKeys;
import io.dtf.audit.ignite.AuditLogs;
import io.dtf.security.DenyList;
import io.dtf.security.GridSecurity;
import io.dtf.security.Principal;
import io.dtf.security.Role;
import io.dtf.security.ignite.DtfSecurityContext.Kind;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenRejectedException;
import io.dtf.security.token.TokenRejectedException.Reason;
import io.dtf.security.token.TokenVerifier;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.EventType;
import org.apache.ignite.internal.GridKernalContext;
import org.apache.ignite.internal.IgniteNodeAttributes;
import org.apache.ignite.internal.processors.GridProcessorAdapter;
import org.apache.ignite.internal.processors.authentication.IgniteAccessControlException;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.internal.processors.security.SecurityContext;
import org.apache.ignite.internal.processors.security.SecurityUtils;
import org.apache.ignite.internal.util.typedef.internal.U;
import org.apache.ignite.plugin.security.AuthenticationContext;
import org.apache.ignite.plugin.security.SecurityCredentials;
import org.apache.ignite.plugin.security.SecurityException;
import org.apache.ignite.plugin.security.SecurityPermission;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;
import org.apache.ignite.spi.IgniteNodeValidationResult;
import org.apache.ignite.spi.discovery.tcp.internal.TcpDiscoveryNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTF's security in Ignite: admits nodes that present a node token, authenticates thin clients by
 * their token, and authorises every cache, task, service and cluster operation (see
 * {@link ClientPermissions}). Ignite calls it through its internal {@code GridSecurityProcessor}
 * API; {@link SecurityPluginProvider} installs it.
 *
 * <p>How a refused node learns why: {@link #authenticateNode} answers a {@link Kind#REFUSED_NODE}
 * context holding the reason instead of null (with null, Ignite tells the node only
 * "Authentication failed"), and {@link #validateNode}, which Ignite calls next on the same
 * coordinator thread, turns the join away with that reason as the message sent to the node.
 */
final class DtfSecurityProcessor extends GridProcessorAdapter implements GridSecurityProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(DtfSecurityProcessor.class);
    private static final String REFUSED = "refused by the grid: ";

    private final Path dir;
    private final Clock clock;
    private final Map<UUID, DtfSecurityContext> clients = new ConcurrentHashMap<>();
    private final TokenClaims claims;
    private volatile GridSecurity security;

    DtfSecurityProcessor(GridKernalContext ctx, Path dir, Clock clock) {
        super(ctx);
        this.dir = dir;
        this.clock = clock;
        // A claim lapses once its node could have joined; a node just admitted joins well within this.
        this.claims = new TokenClaims(Duration.ofMillis(Math.max(10_000, ctx.config().getFailureDetectionTimeout())));
    }

    @Override
    public void start() throws IgniteCheckedException {
        super.start();
        // Ignite publishes every environment variable and system property as a node attribute unless told which:
        // DTF_TOKEN would reach every member.
        if (ctx.config().getIncludeProperties() == null) {
            ctx.config().setIncludeProperties();
        }
        Path jwt = dir.resolve("jwt");
        SigningKeys keys;
        try {
            keys = SigningKeys.load(jwt);
        } catch (RuntimeException e) {
            throw new IgniteCheckedException("security: " + e.getMessage() + " (the keys directory is set with"
                    + " dtf node --keys DIR, or -D" + GridSecurity.DIR_PROPERTY + "=DIR)", e);
        }
        AtomicReference<Map<String, ECPublicKey>> known = new AtomicReference<>(keys.verifyingKeys());
        // The grid's deny list (dtf token revoke), followed once the node runs (DtfNode); the grid's audit store.
        DenyList denyList = new DenyList();
        TokenVerifier verifier = new TokenVerifier(() -> reload(jwt, known), denyList, clock);
        security = new GridSecurity(verifier, AuditLogs.forNode(ctx.grid()), dir, denyList);
        GridSecurity.register(ctx.igniteInstanceName(), security);
        NodeToken.of(ctx.igniteInstanceName()).ifPresent(token ->
                ctx.addNodeAttribute(IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS, TokenCredentials.of(token)));
    }

    /** The keys as the directory holds them now, so a rotation needs no restart; the last good ones if it cannot be read. */
    private static Map<String, ECPublicKey> reload(Path jwt, AtomicReference<Map<String, ECPublicKey>> known) {
        try {
            known.set(SigningKeys.load(jwt).verifyingKeys());
        } catch (RuntimeException e) {
            LOG.warn("cannot read the token keys in {}, verifying with the last ones read: {}", jwt, e.getMessage());
        }
        return known.get();
    }

    @Override
    public void onKernalStart(boolean active) throws IgniteCheckedException {
        super.onKernalStart(active);
        ctx.event().addDiscoveryEventListener((event, cache) -> claims.release(event.eventNode().id()),
                EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
    }

    @Override
    public void stop(boolean cancel) throws IgniteCheckedException {
        GridSecurity.unregister(ctx.igniteInstanceName());
        super.stop(cancel);
    }

    @Override
    public SecurityContext authenticateNode(ClusterNode node, SecurityCredentials credentials)
            throws IgniteCheckedException {
        boolean local = node.id().equals(ctx.localNodeId());
        if (!local) {
            stripCredentials(node);
        }
        Principal principal = null;
        String refusal;
        try {
            principal = security.verifier().verify(TokenCredentials.token(credentials), Role.NODE);
            refusal = NodeAdmission.uncovered(principal, node.attribute(HardwareKeys.TAGS),
                    node.attribute(NodeAdmission.DECLARED_ATTRIBUTE)).orElse(null);
            String tokenId = principal.tokenId();
            if (refusal == null && !local) {
                refusal = holderOf(tokenId, node.id()).map(holder -> "node token " + tokenId + " is in use by live node "
                        + holder + ": each node needs a token of its own (dtf token create --role node)").orElse(null);
            }
        } catch (TokenRejectedException | IllegalArgumentException e) {
            refusal = e.getMessage();
        }
        String who = principal != null ? principal.subject() : "node " + node.id();
        DtfSubject subject = new DtfSubject(node.id(), SecuritySubjectType.REMOTE_NODE, who, address(node));
        if (refusal == null) {
            audit(AuditAction.JOIN, who, true, "node " + node.id() + " at " + U.addressesAsString(node)
                    + " admitted with node token " + principal.tokenId() + ", tags " + principal.tags());
            return new DtfSecurityContext(subject, Kind.NODE, Role.NODE, principal.tokenId(), principal.tags(), null);
        }
        audit(AuditAction.JOIN_REFUSED, who, false, "node " + node.id() + " at " + U.addressesAsString(node)
                + ": " + refusal);
        LOG.warn("refused join of node {} at {}: {}", node.id(), U.addressesAsString(node), refusal);
        if (local) { // the first node of a grid authenticates itself: it stops, saying why
            throw new IgniteCheckedException("refused: " + refusal);
        }
        return new DtfSecurityContext(subject, Kind.REFUSED_NODE, null, null, List.of(), refusal);
    }

    @Override
    public IgniteNodeValidationResult validateNode(ClusterNode node) {
        DtfSecurityContext context = contextOf(node).orElse(null);
        if (context != null && context.kind() == Kind.NODE) {
            return null;
        }
        String reason = context == null ? "this node was not admitted with a node token"
                : context.kind() == Kind.REFUSED_NODE ? context.refusal() : "a thin-client context cannot join";
        return new IgniteNodeValidationResult(node.id(), "refused join of node " + node.id() + ": " + reason,
                REFUSED + reason);
    }

    @Override
    public boolean isGlobalNodeAuthentication() {
        return false; // the coordinator admits a node; the others trust its decision, as they trust the coordinator
    }

    @Override
    public SecurityContext authenticate(AuthenticationContext auth) throws IgniteCheckedException {
        try {
            Principal p = security.verifier().verify(TokenCredentials.token(auth.credentials()));
            if (p.role() == Role.NODE) {
                throw new TokenRejectedException(Reason.WRONG_ROLE,
                        "a node token is for grid nodes: a client needs a viewer, submitter or admin token");
            }
            UUID id = ClientSubjectIds.next(p.role());
            DtfSecurityContext context = new DtfSecurityContext(
                    new DtfSubject(id, SecuritySubjectType.REMOTE_CLIENT, p.subject(), auth.address()),
                    Kind.CLIENT, p.role(), p.tokenId(), List.of(), null);
            clients.put(id, context);
            audit(AuditAction.TOKEN_USE, p.subject(), true, "thin client from " + auth.address() + " as "
                    + p.role().label() + " with token " + p.tokenId());
            return context;
        } catch (TokenRejectedException | IllegalArgumentException e) {
            audit(AuditAction.TOKEN_REFUSED, "anonymous", false, "thin client from " + auth.address() + ": "
                    + e.getMessage());
            throw new IgniteAccessControlException(REFUSED + e.getMessage());
        }
    }

    @Override
    public SecurityContext securityContext(UUID subjectId) {
        DtfSecurityContext known = clients.get(subjectId);
        if (known != null) {
            return known;
        }
        // A connection to another node: its id says it is a client, and a client's rights do not depend on who.
        return ClientSubjectIds.role(subjectId).map(role -> new DtfSecurityContext(
                new DtfSubject(subjectId, SecuritySubjectType.REMOTE_CLIENT, "thin client", null),
                Kind.CLIENT, role, null, List.of(), null)).orElse(null);
    }

    @Override
    public void authorize(String name, SecurityPermission permission, SecurityContext context) throws SecurityException {
        if (!(context instanceof DtfSecurityContext dtf)) {
            throw new SecurityException(REFUSED + permission + " by a context DTF did not make");
        }
        Optional<String> refusal = ClientPermissions.refusal(dtf, name, permission);
        if (refusal.isPresent()) {
            audit(AuditAction.DENIED, dtf.subject().login(), false, refusal.get());
            throw new SecurityException(REFUSED + refusal.get());
        }
    }

    @Override
    public Collection<SecuritySubject> authenticatedSubjects() {
        return clients.values().stream().map(c -> (SecuritySubject) c.subject()).toList();
    }

    @Override
    public SecuritySubject authenticatedSubject(UUID subjectId) {
        SecurityContext context = securityContext(subjectId);
        return context == null ? null : context.subject();
    }

    @Override
    public void onSessionExpired(UUID subjectId) {
        clients.remove(subjectId);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** The live node, other than {@code joining}, whose node token is {@code tokenId}. */
    private Optional<UUID> holderOf(String tokenId, UUID joining) {
        for (ClusterNode n : ctx.discovery().allNodes()) {
            if (!n.id().equals(joining) && contextOf(n).map(c -> tokenId.equals(c.tokenId())).orElse(false)) {
                return Optional.of(n.id());
            }
        }
        return claims.claim(tokenId, joining, clock.instant(), id -> ctx.discovery().node(id) != null);
    }

    /** The context the coordinator gave {@code node}, as Ignite keeps it in the node's attributes. */
    private Optional<DtfSecurityContext> contextOf(ClusterNode node) {
        try {
            return SecurityUtils.nodeSecurityContext(ctx.marshallerContext().jdkMarshaller(),
                    U.resolveClassLoader(ctx.config()), node) instanceof DtfSecurityContext c ? Optional.of(c) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Ignite 2.17 keeps a joining node's credentials (serialised) in the attributes it then sends to
     * every member; its public getters hide them, but the token would sit in each member's memory. The
     * coordinator removes them once it has read them.
     */
    private static void stripCredentials(ClusterNode node) {
        if (node instanceof TcpDiscoveryNode tcp && tcp.getAttributes().containsKey(IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS)) {
            Map<String, Object> attributes = new HashMap<>(tcp.getAttributes());
            attributes.remove(IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS);
            tcp.setAttributes(attributes);
        }
    }

    private static InetSocketAddress address(ClusterNode node) {
        return node.addresses().isEmpty() ? null : InetSocketAddress.createUnresolved(node.addresses().iterator().next(), 0);
    }

    private void audit(AuditAction action, String subject, boolean allowed, String detail) {
        security.audit().record(action, subject, ctx.localNodeId().toString(), allowed, detail);
    }
}
