package io.dtf.node;

import io.dtf.client.CoordinatorApi;
import io.dtf.coordinator.ignite.CoordinatorService;
import io.dtf.hardware.HardwareKeys;
import io.dtf.node.hardware.HardwareDetector;
import io.dtf.node.hardware.HardwareProfile;
import io.dtf.node.hardware.NodeAttributes;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.results.ignite.NodeRecorder;
import io.dtf.results.ignite.ResultReplicator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.services.ServiceConfiguration;
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

    private final Ignite ignite;
    private final Set<String> roles;
    private final Map<String, Object> attributes;
    private final Path dataDir;
    private final DuckDbResultStore store;
    private final ResultReplicator replicator;
    private final NodeRecorder nodeRecorder;

    private DtfNode(Ignite ignite, Set<String> roles, Map<String, Object> attributes, Path dataDir,
                    DuckDbResultStore store, ResultReplicator replicator, NodeRecorder nodeRecorder) {
        this.ignite = ignite;
        this.roles = roles;
        this.attributes = attributes;
        this.dataDir = dataDir;
        this.store = store;
        this.replicator = replicator;
        this.nodeRecorder = nodeRecorder;
    }

    public static DtfNode start(NodeOptions options) {
        Path dataDir = options.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("data-dir: cannot create " + dataDir, e);
        }
        IgniteConfiguration cfg = IgniteConfigFactory.load(options);
        Set<String> roles = IgniteConfigFactory.roles(cfg, options);
        Map<String, Object> attributes = attributes(cfg, options, roles, dataDir);
        IgniteConfigFactory.apply(cfg, options, attributes);
        int slots = ((Number) attributes.get(HardwareKeys.SLOTS)).intValue();
        // Each running task holds a public-pool thread; leave room for Ignite's own jobs.
        cfg.setPublicThreadPoolSize(Math.max(cfg.getPublicThreadPoolSize(), slots + 4));

        Ignite ignite = Ignition.start(cfg);
        DuckDbResultStore store = null;
        ResultReplicator replicator = null;
        NodeRecorder nodeRecorder = null;
        try {
            DtfCaches.ensure(ignite);
            if (roles.contains(Roles.COORDINATOR)) {
                ignite.services().deploy(coordinatorService());
            }
            if (roles.contains(Roles.AGGREGATOR)) {
                store = DuckDbResultStore.open(dataDir.resolve(DUCKDB_FILE));
                replicator = new ResultReplicator(ignite, store);
                replicator.start();
                nodeRecorder = new NodeRecorder(ignite, store);
                nodeRecorder.start();
            }
        } catch (RuntimeException e) {
            closeQuietly(nodeRecorder, replicator, store);
            Ignition.stop(ignite.name(), true);
            throw e;
        }
        LOG.info("node {} started: roles {}, attributes {}", ignite.cluster().localNode().id(), roles, attributes);
        return new DtfNode(ignite, roles, attributes, dataDir, store, replicator, nodeRecorder);
    }

    static ServiceConfiguration coordinatorService() {
        return new ServiceConfiguration()
                .setName(CoordinatorApi.SERVICE_NAME)
                .setService(new CoordinatorService())
                .setTotalCount(1)
                .setMaxPerNodeCount(1)
                .setNodeFilter(new RoleFilter(Roles.COORDINATOR));
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
        if (roles.contains(Roles.WORKER)) {
            attributes.put(HardwareKeys.COMMANDS, String.valueOf(options.allowCommands()));
        }
        return attributes;
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

    public Map<String, Object> attributes() {
        return attributes;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String nodeId() {
        return ignite.cluster().localNode().id().toString();
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

    /** Blocks until the node stops (another thread's {@link #close()}, or the JVM shutting down). */
    public void awaitShutdown() throws InterruptedException {
        while (Ignition.state(ignite.name()) == org.apache.ignite.IgniteState.STARTED) {
            Thread.sleep(500);
        }
    }

    @Override
    public void close() {
        closeQuietly(nodeRecorder, replicator, store);
        Ignition.stop(ignite.name(), true);
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
