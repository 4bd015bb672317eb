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
    /** The most characters of a detail the grid keeps; longer ones are cut, with their full length noted. */
    public static final int MAX_DETAIL = 2_000;
    /** The most characters of an action, subject or node the grid keeps. */
    public static final int MAX_NAME = 200;

    /**
     * This event with every text cut to what the grid keeps ({@link #MAX_NAME}, {@link #MAX_DETAIL}), so
     * that no caller can make an entry large. Text is kept as it is otherwise: escaping is for printing.
     */
    public AuditEvent bounded() {
        return new AuditEvent(at, cut(action, MAX_NAME), cut(subject, MAX_NAME), cut(node, MAX_NAME), allowed,
                cut(detail, MAX_DETAIL));
    }

    /** At most {@code max} characters, the note of the full length included, so cutting again changes nothing. */
    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String note = "... (" + text.length() + " characters)";
        int end = max - note.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        return text.substring(0, end) + note;
    }
}
