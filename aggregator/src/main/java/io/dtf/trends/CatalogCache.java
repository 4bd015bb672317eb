package io.dtf.trends;

import io.dtf.results.duckdb.DuckDbResultStore;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link SeriesCatalog} of a store, read and analysed again only once results were added: a page
 * asks for the list, a series, the matrix and the best configurations at once, and each would otherwise
 * analyse every series anew. Rows of {@code results} are only ever added (by ingestion or an import), so
 * their count and highest key say whether anything changed.
 */
public final class CatalogCache {
    private record Cached(DuckDbResultStore store, long rows, long highest, SeriesCatalog catalog) {
    }

    private final AtomicReference<Cached> cached = new AtomicReference<>();

    /** The catalog of {@code store} as it is now. */
    public SeriesCatalog of(DuckDbResultStore store) {
        // Read the version first: a batch that lands in between makes the next call read again, never miss it.
        long[] version = store.query(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*), coalesce(max(seq), 0) FROM results")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        });
        Cached last = cached.get();
        if (last != null && last.store == store && last.rows == version[0] && last.highest == version[1]) {
            return last.catalog;
        }
        SeriesCatalog fresh = SeriesCatalog.read(store);
        cached.set(new Cached(store, version[0], version[1], fresh));
        return fresh;
    }
}
