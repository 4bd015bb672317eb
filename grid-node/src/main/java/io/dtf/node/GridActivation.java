package io.dtf.node;

import io.dtf.hardware.HardwareKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCluster;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a node to an active grid before DTF touches its caches. With native persistence Ignite
 * starts a grid INACTIVE and keeps persistent data only on the nodes of its baseline topology
 * (identified by consistent id); this does, without an operator step, what an operator would:
 * <ul>
 *   <li>a grid that was never activated is activated by a persistent {@code data} node;</li>
 *   <li>a grid restarted from disk activates by itself once every baseline node is back
 *       ({@code clusterStateOnStart=ACTIVE} in the config): until then nodes wait and say who is missing;</li>
 *   <li>a persistent data node outside the baseline adds itself, so a new data node takes its share.</li>
 * </ul>
 * Only data nodes belong in the baseline: any other node in it would hold up every restart until
 * it came back too. Ignite puts every server node present at the first activation into the
 * baseline and never removes a live one, so other nodes stay out of a grid that was never
 * activated ({@link #mustWaitOutside}) and a data node lets them leave before it activates.
 * Nodes leave the baseline only by an operator's decision (see config/README.md).
 */
final class GridActivation {
    /** Set by {@link DtfNode} on nodes whose data is on disk. */
    static final String PERSISTENT_ATTRIBUTE = "dtf.persistent";

    private static final Logger LOG = LoggerFactory.getLogger(GridActivation.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    /** How long a data node lets other nodes leave a never-activated grid before it activates anyway. */
    private static final Duration OTHERS_LEAVE = Duration.ofSeconds(10);
    /** Ignite's cache of atomics in the default data-structures group (DataStructuresProcessor names it so). */
    private static final String ATOMICS_CACHE = "ignite-sys-atomic-cache@default-ds-group";

    private GridActivation() {
    }

    /** Whether a node with this config keeps data on disk (any persistent data region). */
    static boolean persistent(IgniteConfiguration cfg) {
        DataStorageConfiguration storage = cfg.getDataStorageConfiguration();
        if (storage == null) {
            return false;
        }
        if (storage.getDefaultDataRegionConfiguration() != null
                && storage.getDefaultDataRegionConfiguration().isPersistenceEnabled()) {
            return true;
        }
        DataRegionConfiguration[] regions = storage.getDataRegionConfigurations();
        if (regions != null) {
            for (DataRegionConfiguration region : regions) {
                if (region.isPersistenceEnabled()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether this node joined a persistent grid that was never activated without being a data node:
     * it must leave and come back later, or the first activation would put it into the baseline.
     */
    static boolean mustWaitOutside(Ignite ignite, boolean persistent, boolean dataNode) {
        return persistent && !dataNode && neverActivated(ignite.cluster());
    }

    /**
     * Blocks until the grid is active, activating a persistent grid that never was if this is a data
     * node, then puts a persistent data node into the baseline.
     *
     * @param progress told what the node waits for, at most every ten seconds
     */
    static void await(Ignite ignite, boolean persistent, boolean dataNode, Consumer<String> progress)
            throws InterruptedException {
        IgniteCluster cluster = ignite.cluster();
        Instant nextReport = Instant.now();
        Instant activateAnyway = Instant.now().plus(OTHERS_LEAVE);
        while (!cluster.state().active()) {
            if (persistent && dataNode && neverActivated(cluster)) {
                Set<Object> others = othersThanDataNodes(cluster);
                if (others.isEmpty() || Instant.now().isAfter(activateAnyway)) {
                    if (!others.isEmpty()) {
                        LOG.warn("activating with {} in the topology: they join the baseline", others);
                    }
                    LOG.info("activating a new persistent grid");
                    cluster.state(ClusterState.ACTIVE);
                    continue;
                }
            }
            if (Instant.now().isAfter(nextReport)) {
                String message = waitingMessage(cluster);
                LOG.info(message);
                progress.accept(message);
                nextReport = Instant.now().plus(REPORT_EVERY);
            }
            Thread.sleep(POLL.toMillis());
        }
        if (persistent && dataNode) {
            joinBaseline(cluster);
            recoverLostPartitions(ignite, progress);
        }
    }

    /**
     * A partition whose every copy was on nodes that left is LOST, and stays so (refusing reads and
     * writes) even after those nodes come back with its data on disk. That happens when every data
     * node stopped while a worker kept the grid up. Once every baseline node is online every copy
     * is back, so this waits for that, then resets them, as an operator would with control.sh.
     */
    private static void recoverLostPartitions(Ignite ignite, Consumer<String> progress) throws InterruptedException {
        List<String> lost = new ArrayList<>(ignite.cacheNames().stream()
                .filter(name -> !ignite.cache(name).lostPartitions().isEmpty()).sorted().toList());
        if (lost.isEmpty()) {
            return;
        }
        Instant nextReport = Instant.now();
        for (Set<String> missing = missing(ignite.cluster()); !missing.isEmpty(); missing = missing(ignite.cluster())) {
            if (Instant.now().isAfter(nextReport)) {
                String message = "partitions of " + lost + " were lost with the nodes that held them: waiting for"
                        + " baseline node(s) " + missing + " to rejoin with their data";
                LOG.warn(message);
                progress.accept(message);
                nextReport = Instant.now().plus(REPORT_EVERY);
            }
            Thread.sleep(POLL.toMillis());
        }
        // DTF's atomics (result sequence, coordinator epoch) live in Ignite's data-structures cache of
        // the default group, placed on the same data nodes: they were lost with the same nodes.
        lost.add(ATOMICS_CACHE);
        LOG.warn("every baseline node is back: resetting the lost partitions of {}", lost);
        ignite.resetLostPartitions(lost);
    }

    private static Set<String> missing(IgniteCluster cluster) {
        Set<String> missing = new TreeSet<>();
        Collection<BaselineNode> baseline = cluster.currentBaselineTopology();
        if (baseline != null) {
            baseline.forEach(n -> missing.add(String.valueOf(n.consistentId())));
            cluster.forServers().nodes().forEach(n -> missing.remove(String.valueOf(n.consistentId())));
        }
        return missing;
    }

    private static boolean neverActivated(IgniteCluster cluster) {
        return !cluster.state().active() && cluster.currentBaselineTopology() == null;
    }

    private static Set<Object> othersThanDataNodes(IgniteCluster cluster) {
        Set<Object> others = new HashSet<>();
        cluster.forServers().nodes().stream().filter(n -> !holdsData(n)).forEach(n -> others.add(n.consistentId()));
        return others;
    }

    private static String waitingMessage(IgniteCluster cluster) {
        Collection<BaselineNode> baseline = cluster.currentBaselineTopology();
        if (baseline == null) {
            return "waiting for the grid to be activated (a new persistent grid is activated by its first data node)";
        }
        return "waiting for baseline node(s) " + missing(cluster) + " to rejoin: a persistent grid activates when"
                + " all its baseline nodes are back (remove one that will not return from the baseline, see"
                + " config/README.md)";
    }

    /**
     * Makes the baseline the old one plus every live persistent data node. Two data nodes joining at
     * the same moment may overwrite each other's change, so this repeats until it reads the same
     * baseline twice in a row.
     */
    private static void joinBaseline(IgniteCluster cluster) throws InterruptedException {
        int unchanged = 0;
        for (int round = 0; round < 50 && unchanged < 2; round++) {
            Collection<BaselineNode> current = cluster.currentBaselineTopology();
            Map<Object, BaselineNode> wanted = new LinkedHashMap<>();
            if (current != null) {
                current.forEach(n -> wanted.put(n.consistentId(), n));
            }
            cluster.forServers().nodes().stream().filter(GridActivation::holdsData)
                    .forEach(n -> wanted.putIfAbsent(n.consistentId(), n));
            if (current != null && current.size() == wanted.size()) {
                unchanged++;
            } else {
                unchanged = 0;
                LOG.info("setting the baseline topology to {}", wanted.keySet());
                cluster.setBaselineTopology(wanted.values());
            }
            Thread.sleep(POLL.toMillis());
        }
        if (unchanged < 2) {
            throw new IllegalStateException("could not add this node (" + cluster.localNode().consistentId()
                    + ") to the grid's baseline topology: it kept changing");
        }
    }

    /** Persistent data nodes: the only ones whose absence should hold up a restart. */
    private static boolean holdsData(ClusterNode node) {
        return Roles.has(node.attribute(HardwareKeys.ROLES), Roles.DATA)
                && Boolean.parseBoolean(String.valueOf((Object) node.attribute(PERSISTENT_ATTRIBUTE)));
    }
}
