package io.dtf.results.ignite;

import io.dtf.security.signing.NodeKey;
import io.dtf.security.signing.NodeKeyLookup;
import io.dtf.wire.CacheNames;
import io.dtf.wire.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * The node key registry as the aggregator reads it: only what a coordinator registered
 * ({@link CacheNames#NODE_KEYS}), never what a node advertises about itself. Entries never change
 * once written, so each is read once.
 */
final class RegisteredNodeKeys implements NodeKeyLookup {
    private final Ignite ignite;
    private final Map<String, NodeKey> known = new ConcurrentHashMap<>();

    RegisteredNodeKeys(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public NodeKey find(String nodeId) {
        NodeKey key = known.get(nodeId);
        if (key == null) {
            IgniteCache<String, String> cache = ignite.cache(CacheNames.NODE_KEYS);
            String stored = cache == null ? null : cache.get(nodeId);
            if (stored != null) {
                key = Json.read(stored, NodeKey.class);
                known.put(nodeId, key);
            }
        }
        return key;
    }
}
