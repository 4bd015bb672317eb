package io.dtf.coordinator.ignite;

import io.dtf.hardware.HardwareKeys;
import io.dtf.node.Roles;
import io.dtf.security.ignite.ReportKeys;
import io.dtf.security.signing.NodeKey;
import io.dtf.security.signing.NodeKeyLookup;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node key registry as the coordinator keeps it (cache {@link CacheNames#NODE_KEYS}): the
 * first time it needs a worker's key, it takes the key the worker advertised when the grid admitted
 * it ({@link ReportKeys#ATTRIBUTE}) and registers it, before any result of that worker is stored;
 * for a worker that has left, it reads what it or an earlier coordinator registered.
 *
 * <p>An entry never changes: a node id is new at each node start, and registration only adds
 * ({@code putIfAbsent}). So entries are kept in memory once read.
 */
final class NodeKeyRegistry implements NodeKeyLookup {
    private static final Logger LOG = LoggerFactory.getLogger(NodeKeyRegistry.class);

    private final Ignite ignite;
    private final Map<String, NodeKey> known = new ConcurrentHashMap<>();

    NodeKeyRegistry(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public NodeKey find(String nodeId) {
        NodeKey key = known.get(nodeId);
        if (key == null) {
            key = register(nodeId);
            if (key != null) {
                known.put(nodeId, key);
            }
        }
        return key;
    }

    private NodeKey register(String nodeId) {
        IgniteCache<String, String> cache = ignite.cache(CacheNames.NODE_KEYS);
        NodeKey advertised = advertised(nodeId);
        if (advertised == null) {
            String stored = cache.get(nodeId);
            return stored == null ? null : Json.read(stored, NodeKey.class);
        }
        String earlier = cache.getAndPutIfAbsent(nodeId, Json.write(advertised));
        if (earlier == null) {
            LOG.info("registered the report key {} of worker {}", advertised.fingerprint(), nodeId);
            return advertised;
        }
        NodeKey stored = Json.read(earlier, NodeKey.class);
        if (!stored.fingerprint().equals(advertised.fingerprint())) {
            // The registry is what the aggregator trusts too: keep to it, and say so.
            LOG.error("worker {} advertises report key {}, but the registry holds {} for it; verifying against the"
                    + " registry", nodeId, advertised.fingerprint(), stored.fingerprint());
        }
        return stored;
    }

    /** The key a live worker advertised at join, or null (not live, not a worker, no or a malformed key). */
    private NodeKey advertised(String nodeId) {
        ClusterNode node;
        try {
            node = ignite.cluster().node(UUID.fromString(nodeId));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (node == null || !Roles.has(node.attribute(HardwareKeys.ROLES), Roles.WORKER)) {
            return null;
        }
        Object text = node.attribute(ReportKeys.ATTRIBUTE);
        if (text == null) {
            return null;
        }
        try {
            return NodeKey.of(nodeId, text.toString(), Instant.now());
        } catch (IllegalArgumentException e) {
            LOG.warn("worker {} advertises a report key that is not one: {}", nodeId, e.getMessage());
            return null;
        }
    }
}
