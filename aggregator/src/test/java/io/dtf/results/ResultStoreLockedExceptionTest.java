package io.dtf.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** DuckDB's lock error is told apart from other failures to open, with the process that holds the file. */
class ResultStoreLockedExceptionTest {
    private static final Path FILE = Path.of("dtf-data/dtf.duckdb");

    @Test
    void duckDbsLockErrorNamesTheHoldingProcess() {
        // The message DuckDB 1.4 gives a second process (seen with two JVMs on one file).
        SQLException error = new SQLException("IO Error: Could not set lock on file \"/w/dtf-data/dtf.duckdb\": "
                + "Conflicting lock is held in /usr/lib/jvm/java-17-openjdk-amd64/bin/java (PID 11569). "
                + "See also https://duckdb.org/docs/stable/connect/concurrency");
        ResultStoreLockedException locked = ResultStoreLockedException.of(FILE, error);
        assertEquals(11569, locked.holderPid().orElseThrow());
        assertTrue(locked.getMessage().startsWith("dtf-data/dtf.duckdb is held open by another process (process 11569"),
                locked.getMessage());
    }

    @Test
    void otherErrorsAreNotLockErrors() {
        assertNull(ResultStoreLockedException.of(FILE, new SQLException("IO Error: Cannot open file: Permission denied")));
        assertNull(ResultStoreLockedException.of(FILE, new SQLException((String) null)));
    }
}
