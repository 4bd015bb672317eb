package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.AggregatorApi;
import io.dtf.client.CoordinatorApi;
import io.dtf.security.Role;
import io.dtf.wire.CacheNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.ignite.client.ClientAuthenticationException;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.ClientException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.services.ServiceCallContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A raw Ignite thin client (not DTF's client) against a grid with security on, whose nodes are
 * {@code dtf node} processes: over TLS trusting the grid's CA, without a valid token it cannot connect;
 * with one, whatever its role, it can call the DTF services and nothing else.
 */
class ThinClientAccessIT {
    private static final String SERVER = "127.0.0.1:31730";
    /** A worker's thin-client port: the services live on the server, so calls made here travel to it. */
    private static final String WORKER = "127.0.0.1:31731";

    private static SecureGrid grid;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = SecureGrid.in("thin-client-access", 31700, 31710);
        grid.startUp("server", 0, "--roles", "coordinator,data,aggregator", "--client-port", "31730",
                "--token", grid.node("server-1"));
        grid.startUp("worker", 1, "--roles", "worker", "--client-port", "31731", "--token", grid.node("worker-1"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    void aClientWithoutAValidTokenCannotConnect() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(null, "no token");
        refused.put(SecureGrid.forged(grid.token(Role.ADMIN, "mallory")), "signature does not verify");
        refused.put(grid.expired(Role.ADMIN, "alice"), "expired");
        refused.put(grid.foreign(Role.ADMIN, "eve"), "which this grid does not know");
        refused.put(grid.node("worker-2"), "a node token is for grid nodes");
        refused.put("x".repeat(20_000), "characters long");
        refused.put("not-a-jwt", "not a JWT");
        refused.forEach((token, reason) -> {
            ClientAuthenticationException e = assertThrows(ClientAuthenticationException.class,
                    () -> grid.client(SERVER, token).close(), reason);
            assertTrue(e.getMessage().contains("refused by the grid: ") && e.getMessage().contains(reason), e.getMessage());
        });
    }

    @Test
    void credentialsOfAnotherShapeAreRefused() {
        ClientAuthenticationException e = assertThrows(ClientAuthenticationException.class, () -> org.apache.ignite.Ignition
                .startClient(grid.withTls(new org.apache.ignite.configuration.ClientConfiguration().setAddresses(SERVER)
                        .setUserName("admin").setUserPassword(grid.token(Role.ADMIN, "alice")))).close());
        assertTrue(e.getMessage().contains("the user name must be " + TokenCredentials.USER), e.getMessage());
    }

    @Test
    void evenAnAdminTokenTouchesNoCacheAndCannotDeactivateTheGrid() throws Exception {
        for (Role role : new Role[] {Role.SUBMITTER, Role.ADMIN}) {
            try (IgniteClient client = grid.client(SERVER, grid.token(role, "someone"))) {
                ClientCache<Object, Object> runs = client.cache(CacheNames.RUNS);
                refused(() -> runs.get("any"));
                refused(() -> runs.put("any", "thing"));
                refused(() -> runs.remove("any"));
                refused(() -> client.cache(CacheNames.RESULTS).clear());
                refused(() -> client.cache(CacheNames.RESULTS).query(new org.apache.ignite.cache.query.ScanQuery<>())
                        .getAll());
                refused(() -> client.destroyCache(CacheNames.RESULTS));
                refused(() -> client.createCache("mine"));
                refused(() -> client.cluster().state(ClusterState.INACTIVE));
                refused(() -> client.compute().execute("any.Task", null));
                assertEquals(ClusterState.ACTIVE, client.cluster().state());
            }
        }
        String audit = grid.log("server");
        for (String denied : new String[] {"CACHE_READ on dtf-runs", "CACHE_PUT on dtf-runs", "CACHE_REMOVE on dtf-results",
                "CACHE_DESTROY on dtf-results", "CACHE_CREATE on mine", "ADMIN_CLUSTER_STATE"}) {
            assertTrue(audit.contains("denied refused by someone") && audit.contains(denied), denied + " is audited");
        }
    }

    private static void refused(Executable attempt) {
        // Refused where the client's node checks, or on the data nodes a clear runs on; compute is off for thin clients
        // before DTF is asked (ClientPermissionsTest shows it would refuse TASK_EXECUTE too).
        ClientException e = assertThrows(ClientException.class, attempt);
        assertTrue(String.valueOf(e.getMessage()).matches("(?s).*(not authorized|refused by the grid"
                + "|Remote job threw exception|Compute grid functionality is disabled).*"), e.toString());
    }

    @Test
    void aClientWithATokenCallsTheDtfServicesOnItsNodeOrAnother() {
        String token = grid.token(Role.VIEWER, "dashboard");
        for (String address : new String[] {SERVER, WORKER}) {
            try (IgniteClient client = grid.client(address, token)) {
                var callContext = new ServiceCallContextBuilder().put(CoordinatorApi.TOKEN_ATTRIBUTE, "Bearer " + token).build();
                CoordinatorApi coordinator = client.services().serviceProxy(CoordinatorApi.SERVICE_NAME,
                        CoordinatorApi.class, callContext);
                assertTrue(coordinator.runs().startsWith("["), address);
                assertTrue(coordinator.coordinator().contains("nodeId"), address);
                AggregatorApi aggregator = client.services().serviceProxy(AggregatorApi.SERVICE_NAME,
                        AggregatorApi.class, callContext);
                org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> aggregator.conflicts("no-such-run"), address);
            }
        }
    }
}
