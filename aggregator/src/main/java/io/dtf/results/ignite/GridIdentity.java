package io.dtf.results.ignite;

import io.dtf.results.ResultOrigin;
import io.dtf.wire.CacheNames;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteAtomicReference;
import org.apache.ignite.configuration.AtomicConfiguration;

/**
 * The identity of a grid incarnation, kept in the grid itself: the origin of the results it numbers.
 *
 * <p>The result sequence lives in the grid's memory, so an in-memory grid numbers from 1 again after
 * a restart; its results are told apart from the earlier ones by this id, which is created with the
 * grid and lost with it. A persistent grid keeps both the sequence and the id across restarts. The
 * id sits beside the sequence (same atomic configuration, so the same data-structure cache).
 *
 * <p>Every node agrees on it: the reference is created empty, and the first node to set it wins a
 * compare-and-set; the others read the winner's.
 */
public final class GridIdentity {
    private GridIdentity() {
    }

    /** This grid's results origin, creating its id if it has none yet. */
    public static ResultOrigin of(Ignite ignite) {
        IgniteAtomicReference<String> id = ignite.atomicReference(CacheNames.GRID_ID,
                new AtomicConfiguration().setBackups(1), null, true);
        if (id.get() == null) {
            id.compareAndSet(null, UUID.randomUUID().toString());
        }
        return ResultOrigin.grid(id.get());
    }
}
