package io.dtf.audit.ignite;

import io.dtf.audit.AuditLog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.Ignite;

/**
 * Where a server component finds its node's {@link AuditLog}: one per node, writing to the grid's audit
 * cache (replicated into DuckDB by the aggregator) and to the node's log. The same for security on and
 * off: with security off, submissions and cancellations are recorded all the same, by
 * {@value AuditLog#ANONYMOUS}.
 *
 * <pre>{@code
 * AuditLog audit = AuditLogs.forNode(ignite);
 * audit.record(AuditAction.JOIN_REFUSED, "worker-7", null, false, "no node token");   // node: this one
 * }</pre>
 *
 * <p>Kept per Ignite instance, since tests run several nodes in one JVM; a node restarted under the same
 * name gets a new log. The node's own shutdown ({@code DtfNode.close}) calls {@link #close} to write what
 * waits; a log whose node stopped otherwise ends its thread by itself.
 */
public final class AuditLogs {
    private static final Map<String, CacheAuditLog> BY_INSTANCE = new ConcurrentHashMap<>();
    private static final String UNNAMED = "";

    private AuditLogs() {
    }

    /** The audit log of node {@code ignite}, created on first use; callable while the node starts. */
    public static AuditLog forNode(Ignite ignite) {
        CacheAuditLog[] replaced = new CacheAuditLog[1];
        CacheAuditLog log = BY_INSTANCE.compute(key(ignite.name()), (name, existing) -> {
            if (existing != null && existing.belongsTo(ignite)) {
                return existing;
            }
            replaced[0] = existing;
            return new CacheAuditLog(ignite);
        });
        if (replaced[0] != null) {
            replaced[0].close();
        }
        return log;
    }

    /** Writes what the node's log still holds to the grid and stops it; call before stopping the node. */
    public static void close(Ignite ignite) {
        CacheAuditLog log = BY_INSTANCE.get(key(ignite.name()));
        if (log != null && log.belongsTo(ignite)) {
            BY_INSTANCE.remove(key(ignite.name()), log);
            log.close();
        }
    }

    private static String key(String instanceName) {
        return instanceName == null ? UNNAMED : instanceName;
    }
}
