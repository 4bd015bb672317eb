package io.dtf.node;

import io.dtf.audit.duckdb.DuckDbAuditStore;
import io.dtf.audit.ignite.AuditLogs;
import io.dtf.audit.replica.AuditReplicator;
import io.dtf.client.AggregatorApi;
import io.dtf.client.CoordinatorApi;
import io.dtf.coordinator.ignite.CoordinatorService;
import io.dtf.coordinator.ignite.NodeAddresses;
import io.dtf.hardware.HardwareKeys;
import io.dtf.node.hardware.HardwareDetector;
import io.dtf.node.hardware.HardwareProfile;
import io.dtf.node.hardware.NodeAttributes;
import io.dtf.node.memory.MemorySettings;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.results.ignite.AggregatorService;
import io.dtf.results.ignite.NodeRecorder;
import io.dtf.results.ignite.ResultReplicator;
import io.dtf.results.ignite.ResultRetention;
import io.dtf.security.ignite.ServiceGuard;
import io.dtf.security.tls.TlsJoinFailure;
import io.dtf.security.GridSecurity;
import io.dtf.security.ignite.CacheRevocationList;
import io.dtf.security.ignite.NodeAdmission;
import io.dtf.security.ignite.RunAsNode;
import io.dtf.security.ignite.ReportKeys;
import io.dtf.worker.ignite.WorkerReadiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.events.EventType;
import org.apache.ignite.services.ServiceConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running DTF grid node: an Ignite node that advertises its hardware and takes on its roles
 * (hosts the coordinator, holds data, runs tasks, keeps the DuckDB replica).
 *
 * <pre>{@code
 * try (DtfNode node = DtfNode.start(NodeOptions.of(Path.of("config/ignite-worker.xml"), Path.of("dtf-data"))
 *         .withTags(Set.of("cuda")))) {
 *     node.awaitShutdown();
 * }
 * }</pre>
 */
public final class DtfNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DtfNode.class);
    /** The DuckDB file of an aggregator node, inside its data directory. */
    public static final String DUCKDB_FILE = "dtf.duckdb";
    /** How long a node stays out of a never-activated persistent grid before it looks again. */
    private static final Duration REJOIN_DELAY = Duration.ofSeconds(3);
    /** The node attribute Ignite's client listener publishes its bound port under. */
    private static final String CLIENT_PORT_ATTRIBUTE = "clientListenerPort";

    private final Ignite ignite;
    private final Set<String> roles;
    private final Map<String, Object> attributes;
    private final Path dataDir;
    private final DuckDbResultStore store;
    private final ResultReplicator replicator;
    private final NodeRecorder nodeRecorder;
    private final ResultRetention retention;
    private final RecordingFailureHandler failures;
    private final AuditReplicator auditReplicator;
    private volatile boolean closing;
    private volatile List<RunningExtension> extensions = List.of();
    private volatile ClientWorkerWatch clientWorkerWatch;
    /** Set when this (client) node learns it is cut off from the grid, before Ignite stops it. */
    private volatile boolean cutOff;

    private DtfNode(Ignite ignite, Set<String> roles, Map<String, Object> attributes, Path dataDir,
                    DuckDbResultStore store, ResultReplicator replicator, NodeRecorder nodeRecorder,
                    ResultRetention retention, AuditReplicator auditReplicator) {
        this.ignite = ignite;
        this.auditReplicator = auditReplicator;
        this.roles = roles;
        this.attributes = attributes;
        this.dataDir = dataDir;
        this.store = store;
        this.replicator = replicator;
        this.nodeRecorder = nodeRecorder;
        this.retention = retention;
        this.failures = ignite.configuration().getFailureHandler() instanceof RecordingFailureHandler r ? r : null;
    }

    public static DtfNode start(NodeOptions options) {
        return start(options, message -> { });
    }

    /**
     * As {@link #start(NodeOptions)}, telling {@code progress} what a node of a persistent grid waits
     * for before it is up (the rest of its baseline, after a restart), and warning it when the node
     * listens beyond the loopback interface without security.
     */
    public static DtfNode start(NodeOptions options, Consumer<String> progress) {
        Path dataDir = options.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("data-dir: cannot create " + dataDir, e);
        }
        IgniteConfiguration cfg = IgniteConfigFactory.load(options);
        Set<String> roles = IgniteConfigFactory.roles(cfg, options);
        boolean client = JoinAs.clientNode(options.joinAs(), cfg.isClientMode(), roles, options.config());
        Map<String, Object> attributes = attributes(cfg, options, roles, dataDir);
        // A client node keeps nothing on disk and never enters the baseline, whatever its config's regions say.
        boolean persistent = !client && GridActivation.persistent(cfg);
        if (persistent) {
            attributes.put(GridActivation.PERSISTENT_ATTRIBUTE, "true");
        }
        boolean dataNode = roles.contains(Roles.DATA);
        // The node's report key: its workers sign what they report with it while security is on.
        String instanceName = options.instanceName() != null ? options.instanceName() : cfg.getIgniteInstanceName();
        attributes.put(ReportKeys.ATTRIBUTE, ReportKeys.create(instanceName).publicKeyText());

        Ignite ignite;
        try {
            ignite = Ignition.start(finish(cfg, options, attributes, client));
        } catch (IgniteException e) {
            throw TlsJoinFailure.explain(cfg, options.join(), e);
        }
        DuckDbResultStore store = null;
        ResultReplicator replicator = null;
        NodeRecorder nodeRecorder = null;
        ResultRetention retention = null;
        AuditReplicator auditReplicator = null;
        try {
            for (int round = 0; GridActivation.mustWaitOutside(ignite, persistent, dataNode); round++) {
                if (round == 0) {
                    progress.accept("the persistent grid has never been activated: waiting outside it until one of"
                            + " its data nodes does that, so that this node stays out of its baseline");
                }
                Ignition.stop(ignite.name(), true);
                Thread.sleep(REJOIN_DELAY.toMillis());
                // A stopped node's SPIs cannot start again: build the configuration afresh.
                ignite = Ignition.start(finish(IgniteConfigFactory.load(options), options, attributes, client));
            }
            // Caches and the coordinator need an active grid; a persistent one may still be waiting for its baseline.
            GridActivation.await(ignite, persistent, dataNode, progress);
            if (client) {
                DtfCaches.await(ignite, progress); // creating them is for server nodes: from a client it is a grid-wide change
            } else {
                DtfCaches.ensure(ignite);
            }
            // With security on, token checks follow the grid's deny list from now on (its query ends with the node).
            Ignite started = ignite;
            GridSecurity.of(ignite).ifPresent(s -> s.denyList().follow(CacheRevocationList.start(started)));
            if (roles.contains(Roles.COORDINATOR)) {
                ignite.services().deploy(coordinatorService());
            }
            if (roles.contains(Roles.AGGREGATOR)) {
                store = DuckDbResultStore.open(dataDir.resolve(DUCKDB_FILE));
                replicator = new ResultReplicator(ignite, store);
                if (ReportKeys.signing(ignite)) {
                    replicator.requireSignatures();
                }
                replicator.start();
                Duration keep = MemorySettings.fromSystemProperties().resultRetention();
                if (keep != null) {
                    retention = new ResultRetention(ignite, replicator, keep);
                    retention.start();
                }
                nodeRecorder = new NodeRecorder(ignite, store);
                nodeRecorder.start();
                // The audit log, with the same retention in the cache as results.
                auditReplicator = new AuditReplicator(ignite, new DuckDbAuditStore(store), keep);
                auditReplicator.start();
                // Readers (dtf results/analyze --grid) ask this process: DuckDB lets no other open the file meanwhile.
                AggregatorService.publish(ignite, store);
                ignite.services().deploy(aggregatorService());
            }
            if (roles.contains(Roles.WORKER)) {
                // Last: attempts come only once the worker says it is ready, not when it joins the topology.
                WorkerReadiness.announce(ignite);
            }
        } catch (RuntimeException | InterruptedException e) {
            closeQuietly(retention, nodeRecorder, auditReplicator, replicator, store);
            AuditLogs.close(ignite);
            Ignition.stop(ignite.name(), true);
            ReportKeys.forget(ignite.name());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the grid to become active", e);
            }
            String failure = ignite.configuration().getFailureHandler() instanceof RecordingFailureHandler r
                    ? r.reason() : null;
            if (failure != null) { // the real cause, not the "node is stopping" that follows from it
                throw new IllegalStateException("the node stopped while starting: Ignite stopped it after " + failure, e);
            }
            throw (RuntimeException) e;
        }
        LOG.info("node {} started as a {} node: roles {}, attributes {}", ignite.cluster().localNode().id(),
                client ? "client" : "server", roles, attributes);
        NetworkExposure.warning(ignite.configuration()).ifPresent(warning -> {
            LOG.warn(warning);
            progress.accept("WARNING: " + warning);
        });
        DtfNode node = new DtfNode(ignite, roles, attributes, dataDir, store, replicator, nodeRecorder, retention,
                auditReplicator);
        if (!client) {
            node.clientWorkerWatch = ClientWorkerWatch.start(ignite); // a killed client worker's attempts fail at once
        } else {
            // Ignite may report the stop that follows as another critical failure: remember the cause itself.
            ignite.events().localListen(e -> {
                node.cutOff = true;
                return false;
            }, EventType.EVT_NODE_SEGMENTED, EventType.EVT_CLIENT_NODE_DISCONNECTED);
        }
        node.extensions = startExtensions(new NodeContext(ignite, options, GridSecurity.of(ignite)), roles, progress);
        return node;
    }

    /**
     * Starts the extensions ({@link NodeExtension}) on the class path whose role this node has. One that
     * fails to start (its port taken, say) is reported; the node goes on without it.
     */
    private static List<RunningExtension> startExtensions(NodeContext context, Set<String> roles,
                                                          Consumer<String> progress) {
        List<RunningExtension> started = new ArrayList<>();
        for (NodeExtension extension : ServiceLoader.load(NodeExtension.class)) {
            if (!roles.contains(extension.role())) {
                continue;
            }
            try {
                Optional<RunningExtension> running = extension.start(context);
                running.ifPresent(r -> {
                    started.add(r);
                    LOG.info("{}", r.describe());
                    progress.accept(r.describe());
                });
            } catch (Exception e) {
                LOG.warn("the {} role did not start on this node", extension.role(), e);
                progress.accept("WARNING: the " + extension.role() + " role did not start on this node: " + e.getMessage());
            }
        }
        return List.copyOf(started);
    }

    /** The extensions running on this node ({@link NodeExtension}), such as the web console. */
    public List<RunningExtension> extensions() {
        return extensions;
    }

    private static IgniteConfiguration finish(IgniteConfiguration cfg, NodeOptions options,
                                              Map<String, Object> attributes, boolean client) {
        IgniteConfigFactory.apply(cfg, options, attributes);
        cfg.setClientMode(client);
        if (client && cfg.getDiscoverySpi() instanceof TcpDiscoverySpi discovery) {
            // A client cut off from its server may win back the same connection; if not, Ignite would join it
            // again under a new node id while its old attempts still run here and are run again elsewhere. It
            // stops instead (segmented), which ends those attempts; `dtf node` then starts a fresh node.
            discovery.setClientReconnectDisabled(true);
        }
        int slots = attributes.get(HardwareKeys.SLOTS) instanceof Number n ? n.intValue() : 0; // none on a non-worker
        // Each running task holds a public-pool thread; leave room for Ignite's own jobs.
        cfg.setPublicThreadPoolSize(Math.max(cfg.getPublicThreadPoolSize(), slots + 4));
        return cfg;
    }

    /** The coordinator singleton; with security on, its {@link ServiceGuard} checks every call's token and role. */
    static ServiceConfiguration coordinatorService() {
        return new ServiceConfiguration()
                .setName(CoordinatorApi.SERVICE_NAME)
                .setService(new CoordinatorService())
                .setTotalCount(1)
                .setMaxPerNodeCount(1)
                .setNodeFilter(new RoleFilter(Roles.COORDINATOR))
                .setInterceptors(new ServiceGuard(), new RunAsNode());
    }

    /** On every aggregator node, answering from that node's DuckDB file; guarded as the coordinator is. */
    static ServiceConfiguration aggregatorService() {
        return new ServiceConfiguration()
                .setName(AggregatorApi.SERVICE_NAME)
                .setService(new AggregatorService())
                .setTotalCount(0)
                .setMaxPerNodeCount(1)
                .setNodeFilter(new RoleFilter(Roles.AGGREGATOR))
                .setInterceptors(new ServiceGuard(), new RunAsNode());
    }

    private static Map<String, Object> attributes(IgniteConfiguration cfg, NodeOptions options, Set<String> roles,
                                                  Path dataDir) {
        Set<String> tags = new LinkedHashSet<>(list(IgniteConfigFactory.attribute(cfg, HardwareKeys.TAGS)));
        options.tags().stream().map(String::strip).filter(t -> !t.isEmpty()).forEach(tags::add);
        Set<String> accelerators = list(IgniteConfigFactory.attribute(cfg, HardwareKeys.ACCELERATORS));
        Integer slots = options.slots();
        String configSlots = IgniteConfigFactory.attribute(cfg, HardwareKeys.SLOTS);
        if (slots == null && configSlots != null) {
            slots = Integer.parseInt(configSlots.strip());
        }
        // Other dtf.* attributes in the config are declared hardware: they override detection, and the CLI overrides them.
        Map<String, String> overrides = new TreeMap<>();
        if (cfg.getUserAttributes() != null) {
            cfg.getUserAttributes().forEach((k, v) -> {
                if (k.startsWith(HardwareKeys.PREFIX) && !Set.of(HardwareKeys.ROLES, HardwareKeys.TAGS,
                        HardwareKeys.ACCELERATORS, HardwareKeys.SLOTS).contains(k)) {
                    overrides.put(k, String.valueOf(v));
                }
            });
        }
        overrides.putAll(options.overrides());
        HardwareProfile profile = new HardwareDetector().detect(dataDir);
        Map<String, Object> attributes = new HashMap<>(
                NodeAttributes.build(profile, roles, tags, accelerators, slots, overrides));
        // Set after the overrides, and only from the options: no --attr or config attribute can allow commands.
        attributes.keySet().removeIf(key -> key.startsWith(HardwareKeys.COMMANDS));
        if (roles.contains(Roles.WORKER)) {
            attributes.putAll(options.allowCommands().attributes());
        }
        declared(overrides, accelerators).ifPresent(keys -> attributes.put(NodeAdmission.DECLARED_ATTRIBUTE, keys));
        return attributes;
    }

    /**
     * The keys of the attributes this node declares rather than detects (config and {@code --attr}), which
     * a grid with security on checks against the node's token.
     */
    private static Optional<String> declared(Map<String, String> overrides, Set<String> accelerators) {
        Set<String> keys = new TreeSet<>();
        overrides.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                keys.add(HardwareKeys.resolve(key.strip()).orElse(key.strip()));
            }
        });
        if (!accelerators.isEmpty()) {
            keys.add(HardwareKeys.ACCELERATORS);
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(String.join(",", keys));
    }

    private static Set<String> list(String commaList) {
        Set<String> out = new LinkedHashSet<>();
        if (commaList != null) {
            Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    public Ignite ignite() {
        return ignite;
    }

    public Set<String> roles() {
        return roles;
    }

    /** Whether this node joined as an Ignite client node ({@link JoinAs}). */
    public boolean clientNode() {
        return Boolean.TRUE.equals(ignite.configuration().isClientMode());
    }

    /** Whether the node stopped because it was cut off from the grid (as a client node does when its server goes). */
    public boolean segmented() {
        IgniteState state = Ignition.state(ignite.name());
        return !closing && state != IgniteState.STARTED && (cutOff || state == IgniteState.STOPPED_ON_SEGMENTATION
                || failures != null && failures.segmented());
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String nodeId() {
        return ignite.cluster().localNode().id().toString();
    }

    /**
     * The name Ignite's baseline topology knows this node by. A persistent node finds it in its
     * store under the data directory, so it stays the same across restarts.
     */
    public String consistentId() {
        return String.valueOf(ignite.cluster().localNode().consistentId());
    }

    /** Where this node listens: its addresses and its discovery, communication and thin-client ports. */
    public NodePorts ports() {
        IgniteConfiguration cfg = ignite.configuration();
        ClusterNode local = ignite.cluster().localNode();
        int discovery = !local.isClient() && cfg.getDiscoverySpi() instanceof TcpDiscoverySpi d ? d.getLocalPort() : -1;
        int communication = cfg.getCommunicationSpi() instanceof TcpCommunicationSpi c ? c.boundPort() : -1;
        ClientConnectorConfiguration client = cfg.getClientConnectorConfiguration();
        Object clientPort = local.attribute(CLIENT_PORT_ATTRIBUTE);
        String clientHost = client == null || client.getHost() == null ? cfg.getLocalHost() : client.getHost();
        return new NodePorts(NodeAddresses.addresses(local), discovery, communication,
                clientHost == null || clientHost.isBlank() ? "0.0.0.0" : clientHost,
                client == null || !(clientPort instanceof Number n) ? null : n.intValue());
    }

    /** Whether this node keeps its data on disk (a persistent data region in its config). */
    public boolean persistent() {
        return Boolean.parseBoolean(String.valueOf(attributes.get(GridActivation.PERSISTENT_ATTRIBUTE)));
    }

    /** A proxy of the coordinator service, waiting up to {@code timeout} for it to be deployed. */
    public CoordinatorApi coordinator(Duration timeout) {
        return ignite.services().serviceProxy(CoordinatorApi.SERVICE_NAME, CoordinatorApi.class, false,
                timeout.toMillis());
    }

    /** The DuckDB replica of an aggregator node. */
    public Optional<ResultReplicator> replicator() {
        return Optional.ofNullable(replicator);
    }

    /** The DuckDB replica of an aggregator node. */
    public Optional<DuckDbResultStore> resultStore() {
        return Optional.ofNullable(store);
    }

    /**
     * Blocks until the node stops: another thread's {@link #close()}, the JVM shutting down, or a
     * failure ({@link #failure()} says which).
     */
    public void awaitShutdown() throws InterruptedException {
        while (Ignition.state(ignite.name()) == IgniteState.STARTED) {
            Thread.sleep(500);
        }
    }

    /**
     * Why the node stopped although nobody closed it (Ignite's failure handler stopped it after a
     * critical failure, say running out of data-region memory, or it was segmented), or null while
     * it runs and after {@link #close()}.
     */
    public String failure() {
        IgniteState state = Ignition.state(ignite.name());
        if (closing || state == IgniteState.STARTED) {
            return null;
        }
        String reason = failures == null ? null : failures.reason();
        if (reason != null) {
            return "Ignite stopped it after " + reason;
        }
        return switch (state) {
            case STOPPED_ON_SEGMENTATION -> "it was cut off from the grid (segmented); see the log";
            case STOPPED_ON_FAILURE -> "Ignite stopped it after a critical failure; see the log";
            default -> "it stopped without being asked to; see the log";
        };
    }

    @Override
    public void close() {
        closing = true;
        closeQuietly(clientWorkerWatch);
        closeQuietly(extensions.toArray(AutoCloseable[]::new));
        AuditLogs.close(ignite); // what this node recorded reaches the grid before the node leaves it
        if (store != null) {
            AggregatorService.withdraw(ignite);
        }
        closeQuietly(retention, nodeRecorder, auditReplicator, replicator, store);
        Ignition.stop(ignite.name(), true);
        ReportKeys.forget(ignite.name());
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", r, e);
            }
        }
    }
}
