package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.grid.TestGrid;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.security.GridSecurity;
import io.dtf.security.Role;
import io.dtf.security.TestKeys;
import io.dtf.security.token.TokenIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteNodeAttributes;
import org.apache.ignite.spi.discovery.tcp.internal.TcpDiscoveryNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes with security on in this JVM, to look inside Ignite where a process cannot: what a
 * member holds of another member's credentials, and the security each node registers.
 */
class SecurityPluginIT {
    private static final int DISCOVERY = 31600;
    private static final int COMMUNICATION = 31610;
    private static final String JOIN = "127.0.0.1:31600..31602";
    private static final String SECRET_PROPERTY = "dtf.test.secret";

    private static Path root;
    private static String workerToken;
    private static DtfNode server;
    private static DtfNode worker;

    @BeforeAll
    static void startTwoSecureNodes() {
        root = Path.of("target", "grids", "security-plugin").toAbsolutePath();
        TestGrid.deleteTree(root);
        TestKeys keys = TestKeys.create(root.resolve("keys"));
        TokenIssuer issuer = keys.issuer();
        System.setProperty(GridSecurity.DIR_PROPERTY, keys.dir().toString());
        NodeToken.offer("sec-server", issuer.issue(Role.NODE, "server-1", Duration.ofHours(1)).token());
        workerToken = issuer.issue(Role.NODE, "worker-1", Duration.ofHours(1), List.of("gpu"), List.of()).token();
        NodeToken.offer("sec-worker", workerToken);
        // Ignite would publish every system property to every member, unless the config says which.
        System.setProperty(SECRET_PROPERTY, workerToken);
        server = DtfNode.start(options("sec-server", 0).withRoles(Set.of("coordinator", "data", "aggregator")));
        worker = DtfNode.start(options("sec-worker", 1).withRoles(Set.of("worker")).withTags(Set.of("gpu")));
    }

    private static NodeOptions options(String name, int i) {
        return NodeOptions.of(TestGrid.config("ignite-secure.xml"), root.resolve(name)).withInstanceName(name)
                .withNetwork("127.0.0.1", DISCOVERY + i, COMMUNICATION + i, 31630 + i, List.of(JOIN));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (server != null) {
            server.close();
        }
        System.clearProperty(SECRET_PROPERTY);
        System.clearProperty(GridSecurity.DIR_PROPERTY);
    }

    @Test
    void noMemberHoldsAnotherMembersTokenAfterItJoined() {
        ClusterNode seen = server.ignite().cluster().node(worker.ignite().cluster().localNode().id());
        Map<String, Object> raw = ((TcpDiscoveryNode) seen).getAttributes(); // the unfiltered map Ignite keeps
        assertFalse(raw.containsKey(IgniteNodeAttributes.ATTR_SECURITY_CREDENTIALS), raw.keySet().toString());
        assertFalse(raw.containsKey(SECRET_PROPERTY), "system properties are not published");
        raw.forEach((key, value) -> {
            String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                    : String.valueOf(value);
            assertFalse(text.contains(workerToken), "attribute " + key + " holds the token");
        });
    }

    @Test
    void eachNodeRegistersItsSecurityUntilItStops() {
        assertTrue(GridSecurity.of(server.ignite()).isPresent());
        assertTrue(GridSecurity.of(worker.ignite()).isPresent());
        assertEquals(2, server.ignite().cluster().nodes().size());
    }
}
