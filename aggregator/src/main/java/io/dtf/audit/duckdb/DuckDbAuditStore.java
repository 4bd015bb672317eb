package io.dtf.audit.duckdb;

import io.dtf.model.AuditEvent;
import io.dtf.model.AuditQuery;
import io.dtf.results.ResultOrigin;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid's audit log in the results database (table {@code audit}, docs/DUCKDB-SCHEMA.md), stored
 * and read through the store that holds the file, so it shares its one writing connection and lock.
 *
 * <p>Identity as for results: an entry is its origin (the grid incarnation) and its seq there.
 * {@link #ingest} skips an entry stored already with the same content, and keeps (with an error in the
 * log) one that arrives under a stored identity with different content: the replica never drops what
 * it has not proven it holds. As for results, a batch reads only the stored entries it can collide
 * with (its seqs' range) and keys from the last this instance gave out, so its cost does not grow
 * with the table.
 *
 * <pre>{@code
 * DuckDbAuditStore audit = new DuckDbAuditStore(store);
 * audit.ingest(origin, new TreeMap<>(Map.of(1L, event)));
 * List<AuditEvent> refused = audit.query(new AuditQuery(null, null, null, true, 50));
 * }</pre>
 */
public final class DuckDbAuditStore {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbAuditStore.class);
    private static final String COLUMNS = "recorded_at, action, subject, node, allowed, detail";
    private static final String STAGE = """
            CREATE OR REPLACE TEMP TABLE stage_audit (
                local BIGINT, origin VARCHAR, origin_seq BIGINT, recorded_at TIMESTAMP, action VARCHAR, subject VARCHAR,
                node VARCHAR, allowed BOOLEAN, detail VARCHAR)""";
    /** Parameters (as literals), here and in {@link #CONFLICTS}: the lowest and highest seq staged. */
    private static final String DROP_STORED = """
            DELETE FROM stage_audit s WHERE EXISTS (
                SELECT 1 FROM audit a
                WHERE a.origin_seq BETWEEN %1$d AND %2$d
                  AND a.origin = s.origin AND a.origin_seq = s.origin_seq AND a.recorded_at IS NOT DISTINCT FROM s.recorded_at
                  AND a.action = s.action AND a.subject IS NOT DISTINCT FROM s.subject
                  AND a.node IS NOT DISTINCT FROM s.node AND a.allowed = s.allowed
                  AND a.detail IS NOT DISTINCT FROM s.detail)""";
    private static final String CONFLICTS = """
            SELECT s.origin_seq FROM stage_audit s
            WHERE EXISTS (SELECT 1 FROM audit a
                          WHERE a.origin_seq BETWEEN %1$d AND %2$d AND a.origin = s.origin AND a.origin_seq = s.origin_seq)
            ORDER BY s.local""";
    /** Parameter (as a literal): {@link #highestKey}. Returns the keys it stored. */
    private static final String INSERT = """
            INSERT INTO audit
            SELECT (SELECT coalesce(max(seq), %1$d) FROM audit WHERE seq >= %1$d) + row_number() OVER (ORDER BY local),
                   origin, origin_seq, recorded_at, action, subject, node, allowed, detail
            FROM stage_audit
            RETURNING seq""";

    private final DuckDbResultStore store;
    /**
     * The highest key this instance gave out: 0 until its first batch (which reads the whole key
     * column once). Entries another writer stored meanwhile lie above it and are still read. Read
     * and written under the store's write lock.
     */
    private long highestKey;

    /** The audit table of the file {@code store} holds; the caller keeps owning (and closes) the store. */
    public DuckDbAuditStore(DuckDbResultStore store) {
        this.store = store;
    }

    /**
     * Stores the entries of {@code origin} (seq -> event) not stored yet, in one transaction.
     *
     * @return how many were newly stored
     */
    public int ingest(ResultOrigin origin, SortedMap<Long, AuditEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        return store.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGE);
            }
            stage(connection, origin, events);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(String.format(Locale.ROOT, DROP_STORED, events.firstKey(), events.lastKey()));
                List<Long> conflicts = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery(
                        String.format(Locale.ROOT, CONFLICTS, events.firstKey(), events.lastKey()))) {
                    while (rs.next()) {
                        conflicts.add(rs.getLong(1));
                    }
                }
                int stored = 0;
                long keysUpTo = highestKey;
                try (ResultSet keys = statement.executeQuery(String.format(Locale.ROOT, INSERT, highestKey))) {
                    while (keys.next()) {
                        stored++;
                        keysUpTo = Math.max(keysUpTo, keys.getLong(1));
                    }
                }
                connection.commit();
                highestKey = keysUpTo;
                if (!conflicts.isEmpty()) {
                    LOG.error("{} audit entries of {} arrived with content other than the entry stored under their seq "
                            + "(first seq {}): both are kept", conflicts.size(), origin, conflicts.get(0));
                }
                return stored;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private static void stage(DuckDBConnection connection, ResultOrigin origin, SortedMap<Long, AuditEvent> events)
            throws SQLException {
        long local = 0;
        try (DuckDBAppender rows = connection.createAppender("temp", "main", "stage_audit")) {
            for (Map.Entry<Long, AuditEvent> entry : events.entrySet()) {
                AuditEvent e = entry.getValue().bounded();
                rows.beginRow().append(++local).append(origin.id()).append(entry.getKey().longValue());
                if (e.at() == null) {
                    rows.appendNull();
                } else {
                    Instant at = e.at();
                    rows.appendEpochMicros(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
                            at.getNano() / 1_000));
                }
                text(rows, e.action() == null ? "" : e.action());
                text(rows, e.subject());
                text(rows, e.node());
                rows.append(e.allowed());
                text(rows, e.detail());
                rows.endRow();
            }
        }
    }

    /** The newest entries that match {@code query}, oldest first. */
    public List<AuditEvent> query(AuditQuery query) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (query.since() != null) {
            where.add("recorded_at >= ?");
            args.add(LocalDateTime.ofInstant(query.since().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
        if (query.action() != null) {
            where.add("(action = ? OR starts_with(action, ?))");
            args.add(query.action());
            args.add(query.action() + ".");
        }
        if (query.subject() != null) {
            where.add("subject = ?");
            args.add(query.subject());
        }
        if (query.refusedOnly()) {
            where.add("NOT allowed");
        }
        String sql = "SELECT " + COLUMNS + " FROM (SELECT seq, " + COLUMNS + " FROM audit"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY recorded_at DESC NULLS LAST, seq DESC LIMIT " + query.limit()
                + ") ORDER BY recorded_at NULLS FIRST, seq";
        return store.query(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                return events(statement);
            }
        });
    }

    /** How many entries are stored, from every origin. */
    public long count() {
        return store.query(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT count(*) FROM audit")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static List<AuditEvent> events(PreparedStatement statement) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                LocalDateTime at = rs.getObject(1, LocalDateTime.class);
                events.add(new AuditEvent(at == null ? null : at.toInstant(ZoneOffset.UTC), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6)));
            }
        }
        return events;
    }

    private static void text(DuckDBAppender rows, String value) throws SQLException {
        if (value == null) {
            rows.appendNull();
        } else {
            rows.append(value);
        }
    }

    @Override
    public String toString() {
        return "audit of " + store;
    }
}
