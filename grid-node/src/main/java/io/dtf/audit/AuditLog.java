package io.dtf.audit;

import io.dtf.model.AuditEvent;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the grid records who did what. Recording never fails the action it records: an audit store
 * that is down is logged, not thrown.
 */
public interface AuditLog {
    /** Records {@code event}. */
    void record(AuditEvent event);

    /** Records an event that happens now on node {@code node}. */
    default void record(AuditAction action, String subject, String node, boolean allowed, String detail) {
        record(new AuditEvent(Instant.now(), action.label(), subject, node, allowed, detail));
    }

    /** The subject of a call made without a token (security off): anyone who reached the port. */
    String ANONYMOUS = "anonymous";

    /** An audit log that only writes the node's log file (logger {@code dtf.audit}). */
    static AuditLog toLogFile() {
        Logger log = LoggerFactory.getLogger("dtf.audit");
        return e -> log.info("{} {} by {}{}: {}", e.action(), e.allowed() ? "allowed" : "refused", e.subject(),
                e.node() == null ? "" : " on " + e.node(), e.detail());
    }
}
