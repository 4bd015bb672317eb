package io.dtf.model;

import java.time.Instant;

/**
 * One entry of the grid's audit log: who did or tried what, and what came of it. Never holds a
 * secret: a token appears by its id only.
 *
 * @param at      when
 * @param action  what was done or tried, e.g. {@code submit}, {@code cancel}, {@code join},
 *                {@code token.refused}, {@code quarantine} (see {@code io.dtf.audit.AuditAction})
 * @param subject who: a token's subject, a node's name or id, or {@code anonymous}
 * @param node    the node that saw it (its id), or null
 * @param allowed whether it was allowed
 * @param detail  the run, task, reason or other particulars; at most a few hundred characters
 */
public record AuditEvent(Instant at, String action, String subject, String node, boolean allowed, String detail) {
}
