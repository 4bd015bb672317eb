package io.dtf.security.ignite;

import io.dtf.audit.AuditLog;
import io.dtf.audit.ignite.AuditLogs;
import io.dtf.grid.TestGrid;
import io.dtf.model.AuditEvent;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.security.GridSecurity;
import io.dtf.security.Role;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.token.TokenVerifier;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;

/**
 * Two in-JVM DTF servers with security on as the security plugin would turn it on: a
 * {@link GridSecurity} registered under each instance name, with keys and a deny list the test can see,
 * recording into the node's grid audit log ({@link AuditLogs#forNode}), where the coordinator records
 * what accepted calls do; the test reads both back from the audit cache. The first runs the coordinator
 * and the aggregator; the second, the edge, holds data only, so that a client connected to it reaches
 * the services on the other node.
 *
 * <pre>{@code
 * try (SecureNode node = SecureNode.start("roles", 31400)) {    // discovery 31400-1, communication 31410-1, client 31420-1
 *     String token = node.token(Role.VIEWER, "vic");
 * }
 * }</pre>
 */
public final class SecureNode implements AutoCloseable {
    private final DtfNode node;
    private final DtfNode edge;
    private final String instance;
    private final SigningKeys keys;
    private final TokenIssuer issuer;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final GridSecurity security;
    private final GridSecurity edgeSecurity;
    private final int clientPort;

    private SecureNode(String name, int portBase) {
        Path root = Path.of("target", "grids", name).toAbsolutePath();
        TestGrid.deleteTree(root);
        keys = SigningKeys.create(root.resolve("keys/jwt"));
        issuer = new TokenIssuer(keys, Clock.systemUTC());
        instance = name + "-server";
        clientPort = portBase + 20;
        TokenVerifier verifier = TokenVerifier.of(keys, revoked::contains, Clock.systemUTC());
        security = new GridSecurity(verifier, auditOf(instance), root.resolve("keys"));
        edgeSecurity = new GridSecurity(verifier, auditOf(instance + "-edge"), root.resolve("keys"));
        securityOn();
        List<String> join = List.of("127.0.0.1:" + portBase + ".." + (portBase + 1));
        node = DtfNode.start(NodeOptions.of(TestGrid.config("ignite-default.xml"), root.resolve("server"))
                .withRoles(Set.of("coordinator", "data", "aggregator")).withInstanceName(instance)
                .withNetwork("127.0.0.1", portBase, portBase + 10, clientPort, join));
        edge = DtfNode.start(NodeOptions.of(TestGrid.config("ignite-default.xml"), root.resolve("edge"))
                .withRoles(Set.of("data")).withInstanceName(instance + "-edge")
                .withNetwork("127.0.0.1", portBase + 1, portBase + 11, clientPort + 1, join));
    }

    /** Starts the nodes on discovery ports {@code portBase..+1}, communication {@code +10..+11}, thin clients {@code +20..+21}. */
    public static SecureNode start(String name, int portBase) {
        return new SecureNode(name, portBase);
    }

    /** The thin-client address. */
    public String address() {
        return "127.0.0.1:" + clientPort;
    }

    /** The thin-client address of the edge node, which hosts no service. */
    public String edgeAddress() {
        return "127.0.0.1:" + (clientPort + 1);
    }

    public DtfNode node() {
        return node;
    }

    public SigningKeys keys() {
        return keys;
    }

    /** A token for {@code subject} with {@code role}, valid for an hour. */
    public String token(Role role, String subject) {
        return issuer.issue(role, subject, Duration.ofHours(1)).token();
    }

    public TokenIssuer.Issued issue(Role role, String subject) {
        return issuer.issue(role, subject, Duration.ofHours(1));
    }

    /** Puts a token on the grid's deny list. */
    public void revoke(String tokenId) {
        revoked.add(tokenId);
    }

    /**
     * What the grid's audit cache holds so far, in the order recorded. Recording is asynchronous: to
     * see an event just recorded, use {@link #awaitAudit}.
     */
    public List<AuditEvent> audit() {
        IgniteCache<Long, String> cache = node.ignite().cache(CacheNames.AUDIT);
        Map<Long, String> bySeq = new TreeMap<>();
        for (Cache.Entry<Long, String> e : cache) {
            bySeq.put(e.getKey(), e.getValue());
        }
        return bySeq.values().stream().map(json -> Json.read(json, AuditEvent.class)).toList();
    }

    /** Waits until the audit cache holds an event that matches {@code wanted}, and returns what it holds. */
    public List<AuditEvent> awaitAudit(String what, Predicate<AuditEvent> wanted) {
        try {
            TestGrid.await(what + " in the audit log", Duration.ofSeconds(30), () -> audit().stream().anyMatch(wanted));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it holds " + audit(), e);
        }
        return audit();
    }

    /** The node's own grid audit log, as the security plugin gives it; looked up once the node runs. */
    private static AuditLog auditOf(String instanceName) {
        return event -> AuditLogs.forNode(Ignition.ignite(instanceName)).record(event);
    }

    /** Turns security off (as on a node without the plugin) until {@link #securityOn()}. */
    public void securityOff() {
        GridSecurity.unregister(instance);
        GridSecurity.unregister(instance + "-edge");
    }

    public void securityOn() {
        GridSecurity.register(instance, security);
        GridSecurity.register(instance + "-edge", edgeSecurity);
    }

    @Override
    public void close() {
        securityOff();
        edge.close();
        node.close();
    }
}
