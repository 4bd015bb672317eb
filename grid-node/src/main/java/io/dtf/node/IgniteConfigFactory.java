package io.dtf.node;

import io.dtf.hardware.HardwareKeys;
import io.dtf.node.memory.DataRegionSize;
import io.dtf.node.memory.MemorySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * Turns a Spring XML config plus {@link NodeOptions} into the IgniteConfiguration a node starts
 * with. The XML holds what a site tunes (timeouts, memory, SPIs, declared attributes); the options
 * hold what differs per machine and per start.
 */
public final class IgniteConfigFactory {
    /** The bean every config file defines. */
    public static final String BEAN = "ignite.cfg";

    private IgniteConfigFactory() {
    }

    /** The config's own {@code dtf.*} attributes (roles, tags, slots and declared hardware). */
    public static IgniteConfiguration load(NodeOptions options) {
        if (options.config() == null || !Files.isRegularFile(options.config())) {
            throw new IllegalArgumentException("config: no such file " + options.config()
                    + "; use one of config/ignite-default.xml, config/ignite-server.xml, config/ignite-persistent.xml,"
                    + " config/ignite-worker.xml, config/ignite-secure.xml");
        }
        try {
            return Ignition.loadSpringBean(options.config().toAbsolutePath().toString(), BEAN);
        } catch (IgniteException e) {
            throw new IllegalArgumentException("config: " + options.config() + " has no valid IgniteConfiguration bean '"
                    + BEAN + "': " + rootMessage(e), e);
        }
    }

    /** Applies the per-start options and the final attributes to a loaded config. */
    public static IgniteConfiguration apply(IgniteConfiguration cfg, NodeOptions options, Map<String, Object> attributes) {
        Map<String, Object> all = new HashMap<>();
        if (cfg.getUserAttributes() != null) {
            all.putAll(cfg.getUserAttributes());
        }
        all.putAll(attributes);
        cfg.setUserAttributes(all);
        if (options.instanceName() != null) {
            cfg.setIgniteInstanceName(options.instanceName());
        }
        cfg.setWorkDirectory(options.dataDir().resolve("ignite").toAbsolutePath().toString());
        cfg.setGridLogger(new Slf4jLogger());
        cfg.setFailureHandler(RecordingFailureHandler.wrap(cfg.getFailureHandler()));
        cfg.setPeerClassLoadingEnabled(false);
        DataRegionSize.apply(cfg, MemorySettings.fromSystemProperties().dataRegionMaxBytes(),
                MemorySettings.physicalMemory());

        TcpDiscoverySpi discovery = cfg.getDiscoverySpi() instanceof TcpDiscoverySpi d ? d : new DiscoverySockets();
        TcpCommunicationSpi communication = cfg.getCommunicationSpi() instanceof TcpCommunicationSpi c
                ? c : new TcpCommunicationSpi();
        if (options.bindHost() != null) {
            cfg.setLocalHost(options.bindHost());
            discovery.setLocalAddress(options.bindHost());
            communication.setLocalAddress(options.bindHost());
            if (cfg.getClientConnectorConfiguration() != null) {
                cfg.getClientConnectorConfiguration().setHost(options.bindHost());
            }
        }
        if (options.isolated()) {
            int port = freePort();
            discovery.setLocalPort(port);
            discovery.setLocalPortRange(0);
            discovery.setIpFinder(new TcpDiscoveryVmIpFinder(true).setAddresses(List.of("127.0.0.1:" + port)));
            communication.setLocalPort(freePort());
            communication.setLocalPortRange(0);
            cfg.setClientConnectorConfiguration(null);
        } else {
            if (options.discoveryPort() != null) {
                discovery.setLocalPort(options.discoveryPort());
                discovery.setLocalPortRange(0);
            }
            if (options.communicationPort() != null) {
                communication.setLocalPort(options.communicationPort());
                communication.setLocalPortRange(0);
            }
            if (options.clientPort() != null) {
                ClientConnectorConfiguration client = cfg.getClientConnectorConfiguration() != null
                        ? cfg.getClientConnectorConfiguration() : new ClientConnectorConfiguration();
                client.setPort(options.clientPort());
                client.setPortRange(0);
                cfg.setClientConnectorConfiguration(client);
            }
            if (!options.join().isEmpty()) {
                discovery.setIpFinder(new TcpDiscoveryVmIpFinder(true).setAddresses(options.join()));
            }
        }
        cfg.setDiscoverySpi(discovery);
        cfg.setCommunicationSpi(communication);
        return cfg;
    }

    /** Roles from the options, else from the config's {@code dtf.roles}, else all roles. */
    public static Set<String> roles(IgniteConfiguration cfg, NodeOptions options) {
        if (options.roles() != null) {
            return options.roles();
        }
        Object configured = cfg.getUserAttributes() == null ? null : cfg.getUserAttributes().get(HardwareKeys.ROLES);
        return configured == null ? new LinkedHashSet<>(Roles.ALL) : Roles.parse(configured.toString());
    }

    /** A config attribute as a string, or null. */
    public static String attribute(IgniteConfiguration cfg, String key) {
        Object value = cfg.getUserAttributes() == null ? null : cfg.getUserAttributes().get(key);
        return value == null ? null : value.toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
