package io.dtf.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import io.dtf.security.ignite.SecurityPluginProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;

/**
 * Which of a node's listeners other machines can reach. Without security (config/ignite-secure.xml)
 * anyone who reaches the thin-client port can submit commands that run on the workers, and anyone
 * who reaches discovery can join the grid: a node that listens beyond the loopback interface
 * without security says so when it starts.
 */
final class NetworkExposure {
    private NetworkExposure() {
    }

    /** The warning to print for a node started with {@code cfg}; empty when it listens on loopback only. */
    static Optional<String> warning(IgniteConfiguration cfg) {
        if (secure(cfg)) {
            return Optional.empty();
        }
        List<String> exposed = new ArrayList<>();
        String localHost = cfg.getLocalHost();
        if (cfg.getDiscoverySpi() instanceof TcpDiscoverySpi d && reachable(or(d.getLocalAddress(), localHost))) {
            exposed.add("discovery on " + where(or(d.getLocalAddress(), localHost)) + " port " + d.getLocalPort());
        }
        if (cfg.getCommunicationSpi() instanceof TcpCommunicationSpi c && reachable(or(c.getLocalAddress(), localHost))) {
            exposed.add("communication on " + where(or(c.getLocalAddress(), localHost)) + " port " + c.getLocalPort());
        }
        ClientConnectorConfiguration client = cfg.getClientConnectorConfiguration();
        if (client != null && reachable(or(client.getHost(), localHost))) {
            exposed.add("thin clients on " + where(or(client.getHost(), localHost)) + " port " + client.getPort());
        }
        if (exposed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("this node listens on the network (" + String.join(", ", exposed) + ") without security:"
                + " anyone who can reach these ports can submit commands that run on the grid's workers, read or delete"
                + " its results, or join it. Start every node of the grid from config/ignite-secure.xml (tokens and TLS,"
                + " see docs/SECURITY.md), or listen on loopback only with --bind 127.0.0.1");
    }

    /** Whether the node runs with security on: TLS and the DTF security plugin, as config/ignite-secure.xml sets them. */
    private static boolean secure(IgniteConfiguration cfg) {
        boolean plugin = cfg.getPluginProviders() != null && Arrays.stream(cfg.getPluginProviders())
                .anyMatch(p -> p instanceof SecurityPluginProvider);
        return plugin && cfg.getSslContextFactory() != null;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String where(String host) {
        return host == null || host.isBlank() ? "all addresses" : host;
    }

    /** Whether a listener on {@code host} (null: every address) accepts connections from other machines. */
    private static boolean reachable(String host) {
        if (host == null || host.isBlank()) {
            return true;
        }
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true; // cannot tell: warn rather than stay silent
        }
    }
}
