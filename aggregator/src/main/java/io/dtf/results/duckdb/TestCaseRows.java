package io.dtf.results.duckdb;

import io.dtf.model.TaskResult;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * A result's test cases in table {@code test_cases} (schema 7): appended to staging with their result by
 * {@link BatchIngest}, read back with it by {@link ResultRows}.
 */
final class TestCaseRows {
    private TestCaseRows() {
    }

    /** Appends one staging row per test case, in the column order of {@code test_cases}; {@code local} is its seq. */
    static void append(DuckDBAppender rows, long local, TaskResult r) throws SQLException {
        int idx = 0;
        for (TestCase t : r.tests()) {
            rows.beginRow().append(local).append(idx++);
            BatchIngest.text(rows, r.runId());
            BatchIngest.text(rows, r.suite());
            BatchIngest.text(rows, r.taskId());
            rows.append(r.attempt()).append(r.finalAttempt());
            BatchIngest.text(rows, r.nodeId());
            BatchIngest.text(rows, r.hwClass());
            BatchIngest.text(rows, t.className());
            BatchIngest.text(rows, t.method());
            BatchIngest.text(rows, t.displayName());
            BatchIngest.text(rows, t.uniqueId());
            BatchIngest.text(rows, t.status().name());
            rows.append(t.durationMillis());
            BatchIngest.text(rows, t.failureType());
            BatchIngest.text(rows, t.message());
            BatchIngest.text(rows, t.stackTrace());
            BatchIngest.text(rows, t.stdoutTail());
            BatchIngest.text(rows, t.stderrTail());
            rows.endRow();
        }
    }

    /** Selects the test cases of the results in a {@code page} of {@code seq}s (a CTE the caller puts before it). */
    static final String OF_PAGE = """
            SELECT t.seq, class_name, method, display_name, unique_id, status, duration_ms, failure_type,
                   message, stack_trace, stdout_tail, stderr_tail
            FROM test_cases t JOIN page p ON p.seq = t.seq ORDER BY t.seq, t.idx""";

    /** The rows {@link #OF_PAGE} selected, by result key, each list in its stored order. */
    static Map<Long, List<TestCase>> read(ResultSet rs) throws SQLException {
        Map<Long, List<TestCase>> tests = new HashMap<>();
        while (rs.next()) {
            tests.computeIfAbsent(rs.getLong(1), seq -> new ArrayList<>()).add(new TestCase(
                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    status(rs.getString(6)), rs.getLong(7), rs.getString(8), rs.getString(9),
                    rs.getString(10), rs.getString(11), rs.getString(12)));
        }
        return tests;
    }

    /** A status this DTF does not know (a newer one wrote it) reads as ERROR rather than failing the read. */
    static TestStatus status(String name) {
        try {
            return TestStatus.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return TestStatus.ERROR;
        }
    }
}
