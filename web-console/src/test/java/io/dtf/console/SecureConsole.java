package io.dtf.console;

import io.dtf.audit.ignite.AuditLogs;
import io.dtf.grid.TestGrid;
import io.dtf.node.DtfNode;
import io.dtf.node.Roles;
import io.dtf.security.GridSecurity;
import io.dtf.security.Role;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.token.TokenVerifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.Ignition;

/**
 * A real grid with security on, as the security plugin turns it on (a {@link GridSecurity} registered under the
 * node's instance name, with keys and a deny list the test holds), and the console on it asking for logins: one node
 * with the coordinator, data, aggregator and console roles.
 *
 * <pre>{@code
 * try (SecureConsole console = SecureConsole.start("auth-it", 22700, 22735, 22737)) {
 *     String viewer = console.token(Role.VIEWER, "vic");
 * }
 * }</pre>
 */
public final class SecureConsole implements AutoCloseable {
    private final TestGrid grid;
    private final String instance;
    private final SigningKeys keys;
    private final TokenIssuer issuer;
    private final Set<String> revoked;
    private final ConsoleServer server;

    private SecureConsole(TestGrid grid, String instance, SigningKeys keys, Set<String> revoked, DtfNode node) {
        this.grid = grid;
        this.instance = instance;
        this.keys = keys;
        this.issuer = new TokenIssuer(keys, Clock.systemUTC());
        this.revoked = revoked;
        this.server = node.extensions().stream().filter(ConsoleServer.class::isInstance).map(ConsoleServer.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("the node started no console"));
    }

    /**
     * Discovery on {@code portBase}..+9, communication on {@code portBase}+50..+59, the thin-client port
     * {@code clientPort} and the console on {@code httpPort}.
     */
    public static SecureConsole start(String name, int portBase, int clientPort, int httpPort) {
        Path root = Path.of("target", "grids", name + "-keys").toAbsolutePath();
        TestGrid.deleteTree(root);
        SigningKeys keys = SigningKeys.create(root.resolve("jwt"));
        Set<String> revoked = ConcurrentHashMap.newKeySet();
        String instance = name + "-core";
        TokenVerifier verifier = TokenVerifier.of(keys, revoked::contains, Clock.systemUTC());
        GridSecurity.register(instance, new GridSecurity(verifier,
                event -> AuditLogs.forNode(Ignition.ignite(instance)).record(event), root));
        TestGrid grid = new TestGrid(name, portBase, portBase + 50);
        DtfNode node = grid.start(instance, Set.of(Roles.COORDINATOR, Roles.DATA, Roles.AGGREGATOR, Roles.CONSOLE),
                Set.of(), Map.of(), 1, options -> options.withConsolePort(httpPort).withNetwork("127.0.0.1", portBase,
                        portBase + 50, clientPort, List.of("127.0.0.1:" + portBase + ".." + (portBase + 9))));
        return new SecureConsole(grid, instance, keys, revoked, node);
    }

    public ConsoleServer server() {
        return server;
    }

    /** The console's address with {@code path}. */
    public URI uri(String path) {
        return URI.create(server.url() + path);
    }

    /** A token of {@code role} for {@code subject}, valid for an hour. */
    public TokenIssuer.Issued issue(Role role, String subject) {
        return issuer.issue(role, subject, Duration.ofHours(1));
    }

    public String token(Role role, String subject) {
        return issue(role, subject).token();
    }

    /** A node token for {@code subject}, valid for an hour. */
    public String issueNode(String subject) {
        return issuer.issue(Role.NODE, subject, Duration.ofHours(1), List.of(), List.of()).token();
    }

    /** A token of this grid's key that expired an hour ago. */
    public String expired(Role role, String subject) {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        return new TokenIssuer(keys, past).issue(role, subject, Duration.ofHours(1)).token();
    }

    /** {@code token} with its subject changed and its signature kept. */
    public static String forged(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8).replace("\"sub\":\"", "\"sub\":\"x");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Puts a token on the grid's deny list: every check from now on refuses it. */
    public void revoke(String tokenId) {
        revoked.add(tokenId);
    }

    @Override
    public void close() {
        try {
            grid.close();
        } finally {
            GridSecurity.unregister(instance);
        }
    }
}
