package io.dtf.results;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a stored result came from, the half of its identity that its seq alone lacks: a seq is
 * unique only within its origin. A grid numbers its results from 1 in every incarnation (an
 * in-memory grid starts again at 1 after a restart), and each import numbers its own rows, so the
 * same seq means different results in different origins.
 *
 * <ul>
 *   <li>{@code grid:<uuid>}: results replicated from a grid incarnation, the id it keeps in the grid
 *       (see {@code GridIdentity}); a persistent grid keeps it across restarts, an in-memory one does not.
 *   <li>{@code import:<uuid>}: one {@code dtf import} of a history file.
 *   <li>{@code legacy}: rows stored before results recorded their origin (schema 4 and older).
 * </ul>
 *
 * <pre>{@code
 * store.ingest(ResultOrigin.grid(gridId), batch);
 * }</pre>
 *
 * @param id the stored text, e.g. {@code grid:5f0c…}
 */
public record ResultOrigin(String id) {
    /** The origin of rows stored before schema 5. */
    public static final ResultOrigin LEGACY = new ResultOrigin("legacy");

    public ResultOrigin {
        Objects.requireNonNull(id, "origin id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a result origin needs an id");
        }
    }

    /** The origin of the results of the grid incarnation with this id. */
    public static ResultOrigin grid(String gridId) {
        return new ResultOrigin("grid:" + gridId);
    }

    /** A new origin for one import. */
    public static ResultOrigin newImport() {
        return new ResultOrigin("import:" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return id;
    }
}
