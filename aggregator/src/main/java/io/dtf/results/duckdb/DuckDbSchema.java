package io.dtf.results.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables and views of a results database, and the migrations that build them.
 *
 * <p>{@code schema_version} holds one row per applied migration. Migration {@code n} is
 * {@code MIGRATIONS.get(n - 1)}; a database is brought to {@link #LATEST} at open, each step in its
 * own transaction. Add a step to change the schema; never edit a released one. The tables are
 * described in docs/DUCKDB-SCHEMA.md.
 *
 * <p>Only {@code results.seq} (the row's key in the file, assigned by the store) and {@code runs.run_id}
 * (the upsert key) are declared keys. A result's identity, {@code (origin, origin_seq)}, is not: a
 * result that arrives under an identity already stored with other content is kept beside it (and
 * recorded in {@code ingest_conflicts}), so the pair is unique only by the ingest's checks. {@code metrics (seq, metric)} and {@code samples (seq, metric, idx)} are unique by
 * construction (written only with a new result, in its transaction, names merged per result):
 * declared, their indexes made the file about four times larger and ingestion slower. So is
 * {@code test_cases (seq, idx)}, for the same reason.
 */
final class DuckDbSchema {
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE IF NOT EXISTS runs (
                run_id     VARCHAR PRIMARY KEY,
                suite      VARCHAR,
                first_seq  BIGINT NOT NULL,
                first_seen TIMESTAMP
            )""",
            """
            CREATE TABLE IF NOT EXISTS results (
                seq           BIGINT PRIMARY KEY,
                run_id        VARCHAR,
                suite         VARCHAR,
                task_id       VARCHAR,
                task_name     VARCHAR,
                params        MAP(VARCHAR, VARCHAR),
                attempt       INTEGER,
                final_attempt BOOLEAN,
                status        VARCHAR,
                started_at    TIMESTAMP,
                ended_at      TIMESTAMP,
                duration_ms   DOUBLE,
                node_id       VARCHAR,
                hw_class      VARCHAR,
                exit_code     INTEGER,
                error         VARCHAR,
                stdout_tail   VARCHAR,
                stderr_tail   VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS metrics (
                seq     BIGINT NOT NULL,
                metric  VARCHAR NOT NULL,
                unit    VARCHAR NOT NULL,
                ordinal INTEGER NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS samples (
                seq    BIGINT NOT NULL,
                metric VARCHAR NOT NULL,
                unit   VARCHAR NOT NULL,
                idx    INTEGER NOT NULL,
                value  DOUBLE NOT NULL
            )""",
            """
            CREATE OR REPLACE VIEW metric_summary AS
            WITH stats AS (
                SELECT seq, metric, count(*) AS n, avg(value) AS mean, median(value) AS median,
                       min(value) AS min, max(value) AS max, stddev_samp(value) AS stddev
                FROM samples GROUP BY seq, metric)
            SELECT r.seq, r.run_id, r.suite, r.task_id, r.task_name, r.params, r.attempt,
                   r.final_attempt, r.status, r.hw_class, r.node_id, r.started_at,
                   m.metric, m.unit, coalesce(s.n, 0) AS n, s.mean, s.median, s.min, s.max, s.stddev
            FROM metrics m
            JOIN results r ON r.seq = m.seq
            LEFT JOIN stats s ON s.seq = m.seq AND s.metric = m.metric"""),
            // 2: what imported history carries beyond a DTF result. Side tables, not new columns, so the
            // replicator's positional copies into results and metrics stay as they are.
            List.of(
                    """
                    CREATE TABLE IF NOT EXISTS result_context (
                        seq    BIGINT NOT NULL,
                        commit VARCHAR,
                        branch VARCHAR
                    )""",
                    """
                    CREATE TABLE IF NOT EXISTS metric_direction (
                        seq       BIGINT NOT NULL,
                        metric    VARCHAR NOT NULL,
                        direction VARCHAR NOT NULL
                    )"""),
            // 3: the nodes results ran on, with their dtf.* attributes, so failures can be correlated with
            // hardware. A side table keyed by node_id: results keep only node_id and hw_class.
            List.of(
                    """
                    CREATE TABLE IF NOT EXISTS nodes (
                        node_id    VARCHAR PRIMARY KEY,
                        hw_class   VARCHAR,
                        attributes JSON,
                        first_seen TIMESTAMP,
                        last_seen  TIMESTAMP
                    )"""),
            // 4: why an attempt did not pass and what the coordinator did next. Added at the end of results,
            // so staging (a copy of results' columns) and the positional copy out of it stay in step.
            List.of(
                    "ALTER TABLE results ADD COLUMN IF NOT EXISTS failure_category VARCHAR",
                    "ALTER TABLE results ADD COLUMN IF NOT EXISTS decision VARCHAR"),
            // 5: a result's identity is its origin and its seq there, not its seq alone: an in-memory grid
            // numbers from 1 again after every restart, and schema 4 dropped those results as "already
            // stored". results.seq stays the row's key in this file (what every table joins on), assigned
            // by the store. Rows from before keep their seq and get the legacy origin.
            List.of(
                    "ALTER TABLE results ADD COLUMN IF NOT EXISTS origin VARCHAR",
                    "ALTER TABLE results ADD COLUMN IF NOT EXISTS origin_seq BIGINT",
                    "ALTER TABLE results ADD COLUMN IF NOT EXISTS content_hash VARCHAR",
                    "UPDATE results SET origin = 'legacy', origin_seq = seq WHERE origin IS NULL",
                    """
                    CREATE TABLE IF NOT EXISTS ingest_conflicts (
                        seq          BIGINT NOT NULL,
                        existing_seq BIGINT NOT NULL,
                        origin       VARCHAR NOT NULL,
                        origin_seq   BIGINT NOT NULL,
                        run_id       VARCHAR,
                        detected_at  TIMESTAMP NOT NULL
                    )"""),
            // 6: the grid's audit log (who submitted, cancelled, was refused, joined...). Identified like results:
            // origin and origin_seq; seq is the row's key in this file, assigned by the store. recorded_at, not
            // "at": AT is a keyword of DuckDB's SQL.
            List.of(
                    """
                    CREATE TABLE IF NOT EXISTS audit (
                        seq        BIGINT PRIMARY KEY,
                        origin     VARCHAR NOT NULL,
                        origin_seq BIGINT NOT NULL,
                        recorded_at TIMESTAMP,
                        action     VARCHAR NOT NULL,
                        subject    VARCHAR,
                        node       VARCHAR,
                        allowed    BOOLEAN NOT NULL,
                        detail     VARCHAR
                    )"""),
            // 7: one row per test case of a junit task's attempt, written with its result (seq is results.seq, idx
            // its place in the result's list). The result's facts a test query filters on are copied in, so "which
            // tests are slow, flaky or failing on which hardware" reads this table alone.
            List.of(
                    """
                    CREATE TABLE IF NOT EXISTS test_cases (
                        seq           BIGINT NOT NULL,
                        idx           INTEGER NOT NULL,
                        run_id        VARCHAR,
                        suite         VARCHAR,
                        task_id       VARCHAR,
                        attempt       INTEGER,
                        final_attempt BOOLEAN,
                        node_id       VARCHAR,
                        hw_class      VARCHAR,
                        class_name    VARCHAR NOT NULL,
                        method        VARCHAR,
                        display_name  VARCHAR,
                        unique_id     VARCHAR,
                        status        VARCHAR NOT NULL,
                        duration_ms   BIGINT NOT NULL,
                        failure_type  VARCHAR,
                        message       VARCHAR,
                        stack_trace   VARCHAR,
                        stdout_tail   VARCHAR,
                        stderr_tail   VARCHAR
                    )"""));

    /** The schema version this code reads and writes. */
    static final int LATEST = MIGRATIONS.size();

    private DuckDbSchema() {
    }

    /** Brings the database to {@link #LATEST}; refuses a database written by a newer schema. */
    static void migrate(Connection connection) throws SQLException {
        migrate(connection, LATEST);
    }

    /** Brings the database to {@code target}: tests build files as an older DTF left them. */
    static void migrate(Connection connection, int target) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version    INTEGER PRIMARY KEY,
                        applied_at TIMESTAMP NOT NULL
                    )""");
        }
        int current = version(connection);
        refuseNewer(current);
        for (int version = current + 1; version <= target; version++) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(version - 1)) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO schema_version VALUES (" + version + ", now()::TIMESTAMP)");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Whether the file was written by an older DTF and needs migrating. */
    static boolean isOutdated(Connection connection) throws SQLException {
        return version(connection) < LATEST;
    }

    /** For read-only use: the database must be exactly at {@link #LATEST}, since it cannot be migrated. */
    static void requireLatest(Connection connection) throws SQLException {
        int current = version(connection);
        refuseNewer(current);
        if (current < LATEST) {
            throw new IllegalStateException("results database has schema version " + current + ", this DTF reads "
                    + LATEST + ": open it once for writing to migrate it");
        }
    }

    private static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("""
                    SELECT count(*) FROM duckdb_tables()
                    WHERE schema_name = 'main' AND table_name = 'schema_version'""")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void refuseNewer(int current) {
        if (current > LATEST) {
            throw new IllegalStateException("results database has schema version " + current
                    + ", newer than this DTF understands (" + LATEST + "): use a newer DTF");
        }
    }
}
