package io.dtf.results.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.hardware.HardwareKeys;
import io.dtf.model.TaskResult;
import io.dtf.results.IngestConflict;
import io.dtf.results.NodeRegistry;
import io.dtf.results.ResultOrigin;
import io.dtf.results.ResultStore;
import io.dtf.results.ResultStoreException;
import io.dtf.results.ResultStoreLockedException;
import io.dtf.results.SeqRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ResultStore} in one DuckDB file; the schema is in docs/DUCKDB-SCHEMA.md.
 *
 * <p>DuckDB lets one process open a file for writing, and then no other process may even read it:
 * the process that replicates results into the file also serves every query on it. Within that
 * process reads run on their own connections, so they do not wait for an ingest.
 *
 * <pre>{@code
 * try (DuckDbResultStore store = DuckDbResultStore.open(Path.of("dtf-results.duckdb"))) {
 *     store.ingest(origin, batch);
 * }
 * // later, with no node writing it:
 * try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(Path.of("dtf-results.duckdb"))) {
 *     store.runIds().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class DuckDbResultStore implements ResultStore, NodeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbResultStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSERT_NODE = """
            INSERT INTO nodes VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (node_id) DO UPDATE SET
                hw_class = excluded.hw_class,
                attributes = excluded.attributes,
                first_seen = least(nodes.first_seen, excluded.first_seen),
                last_seen = greatest(nodes.last_seen, excluded.last_seen)""";
    private final Path file;
    private final DuckDBConnection connection;
    private final BatchIngest writer;
    private final Object writeLock = new Object();
    private volatile boolean closed;

    private DuckDbResultStore(Path file, DuckDBConnection connection, BatchIngest writer) {
        this.file = file;
        this.connection = connection;
        this.writer = writer;
    }

    /** Opens the file for reading and writing, creating it, its parent directories and the schema as needed. */
    public static DuckDbResultStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new ResultStoreException("cannot create the directory of " + file, e);
        }
        DuckDBConnection connection = connect(file, new Properties());
        try {
            DuckDbSchema.migrate(connection);
            return new DuckDbResultStore(file, connection, new BatchIngest(connection));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ResultStoreException("cannot prepare " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Opens an existing file for reading only, for tools that run while no node writes it;
     * {@link #ingest} then throws {@link IllegalStateException}. A file written by an older DTF is
     * migrated first (opened once for writing), so reading tools work right after an upgrade.
     */
    public static DuckDbResultStore openReadOnly(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ResultStoreException("no results database at " + file, null);
        }
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        DuckDBConnection connection = connect(file, properties);
        try {
            if (DuckDbSchema.isOutdated(connection)) {
                closeQuietly(connection);
                open(file).close();
                connection = connect(file, properties);
            }
            DuckDbSchema.requireLatest(connection);
            return new DuckDbResultStore(file, connection, null);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ResultStoreException("cannot read " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A conflict is also logged at ERROR, and stays queryable in {@code ingest_conflicts} and through
     * {@link #conflicts()}.
     */
    @Override
    public int ingest(ResultOrigin origin, Collection<TaskResult> batch) {
        if (writer == null) {
            throw new IllegalStateException(file + " is open read-only");
        }
        BatchIngest.Outcome outcome;
        synchronized (writeLock) {
            requireOpen();
            try {
                outcome = writer.ingest(origin, batch);
            } catch (SQLException e) {
                throw new ResultStoreException("cannot store " + batch.size() + " results in " + file, e);
            }
        }
        for (IngestConflict conflict : outcome.conflicts()) {
            LOG.error("result {} of {} (run {}) arrived with content other than the stored result under that "
                    + "identity (key {} in {}): both are kept, the new one under key {}; see ingest_conflicts",
                    conflict.originSeq(), conflict.origin(), conflict.runId(), conflict.existingSeq(), file,
                    conflict.storedAs());
        }
        return outcome.stored();
    }

    @Override
    public void recordNode(String nodeId, Map<String, String> attributes, Instant seen) {
        String json;
        try {
            json = JSON.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes of node " + nodeId + " are not writable as JSON", e);
        }
        LocalDateTime at = LocalDateTime.ofInstant(seen.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        write(c -> {
            try (PreparedStatement statement = c.prepareStatement(UPSERT_NODE)) {
                statement.setString(1, nodeId);
                statement.setString(2, attributes.get(HardwareKeys.HW_CLASS));
                statement.setString(3, json);
                statement.setObject(4, at);
                statement.setObject(5, at);
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long lastSeq(ResultOrigin origin) {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT coalesce(max(origin_seq), 0) FROM results WHERE origin = ?")) {
                query.setString(1, origin.id());
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public long count() {
        return read(c -> single(c, "SELECT count(*) FROM results"));
    }

    @Override
    public List<TaskResult> results(String runId) {
        return read(c -> ResultRows.ofRun(c, runId));
    }

    /**
     * A window of the run's results in seq order, for readers that page (the aggregator service): those
     * after the first {@code offset}, at most {@code limit}; only {@code taskId}'s attempts when it is non-null.
     */
    public List<TaskResult> results(String runId, String taskId, long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        return read(c -> ResultRows.page(c, runId, taskId, offset, limit));
    }

    @Override
    public List<String> runIds() {
        return read(c -> {
            List<String> ids = new ArrayList<>();
            try (Statement statement = c.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "SELECT run_id FROM runs ORDER BY first_seen DESC NULLS LAST, first_seq DESC")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    @Override
    public List<SeqRange> seqRanges(ResultOrigin origin) {
        return read(c -> {
            List<SeqRange> ranges = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT min(origin_seq), max(origin_seq)
                    FROM (SELECT origin_seq, origin_seq - row_number() OVER (ORDER BY origin_seq) AS island
                          FROM (SELECT DISTINCT origin_seq FROM results WHERE origin = ?))
                    GROUP BY island ORDER BY 1""")) {
                query.setString(1, origin.id());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        ranges.add(new SeqRange(rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
            return ranges;
        });
    }

    @Override
    public List<IngestConflict> conflicts() {
        return conflicts("", List.of());
    }

    @Override
    public List<IngestConflict> conflicts(String runId) {
        return conflicts("WHERE run_id = ?", List.of(runId));
    }

    private List<IngestConflict> conflicts(String where, List<String> args) {
        return read(c -> {
            List<IngestConflict> conflicts = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT seq, existing_seq, origin, origin_seq, run_id, "
                    + "detected_at FROM ingest_conflicts " + where + " ORDER BY detected_at, seq")) {
                for (int i = 0; i < args.size(); i++) {
                    query.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        conflicts.add(new IngestConflict(rs.getLong(1), rs.getLong(2), new ResultOrigin(rs.getString(3)),
                                rs.getLong(4), rs.getString(5),
                                rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                    }
                }
            }
            return conflicts;
        });
    }

    /** Work on the database's own connection, for readers and loaders that need more than this contract. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(DuckDBConnection connection) throws SQLException;
    }

    /** Runs {@code work} on its own connection in one read-only snapshot (a history reader, a report). */
    public <T> T query(SqlWork<T> work) {
        return read(c -> work.run((DuckDBConnection) c));
    }

    /**
     * Runs {@code work} on the writing connection under the write lock, so no ingest interleaves (a bulk
     * import). The connection is in auto-commit mode: {@code work} opens its own transaction and must
     * leave auto-commit on when it returns.
     */
    public <T> T write(SqlWork<T> work) {
        if (writer == null) {
            throw new IllegalStateException(file + " is open read-only");
        }
        synchronized (writeLock) {
            requireOpen();
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new ResultStoreException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Closes the file; later calls throw {@link IllegalStateException}. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (!closed) {
                closed = true;
                closeQuietly(connection);
            }
        }
    }

    @Override
    public String toString() {
        return "DuckDbResultStore[" + file + (writer == null ? ", read-only]" : "]");
    }

    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs a read on its own connection and transaction, so it sees one consistent snapshot. */
    private <T> T read(Query<T> query) {
        requireOpen();
        try (Connection reader = connection.duplicate()) {
            reader.setAutoCommit(false);
            try {
                return query.run(reader);
            } finally {
                reader.rollback();
            }
        } catch (SQLException e) {
            throw new ResultStoreException("cannot read " + file, e);
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static DuckDBConnection connect(Path file, Properties properties) {
        try {
            // The driver directly, not DriverManager: that would also load (and initialise) every other
            // JDBC driver on the class path, Ignite's among them, which fails without its JVM flags.
            return (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), properties);
        } catch (SQLException e) {
            ResultStoreLockedException locked = ResultStoreLockedException.of(file, e);
            if (locked != null) {
                throw locked;
            }
            throw new ResultStoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more can be done with a connection that will not close
        }
    }
}
