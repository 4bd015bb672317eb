package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.FailureCategory;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text from a suite or the grid reaches the terminal escaped, through every printer of the CLI. */
class SafePrintingTest {
    private static final String HOSTILE = "evil\u001b]0;pwned\u0007\u001b[2J\rFAKE PASSED\u202e\nnext";

    @Test
    void tableCellsAreEscapedAndStayOnOneLine() {
        String table = new TextTable("task", "error").row(HOSTILE, HOSTILE).toString();

        assertClean(table);
        assertTrue(table.contains("evil\\u001b]0;pwned\\u0007\\u001b[2J\\rFAKE PASSED\\u202e\\nnext"), table);
        assertTrue(table.lines().count() == 2, table);
    }

    @Test
    void progressLinesAreEscaped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, false);
        progress.onResult(result(false));
        progress.onResult(result(true));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertClean(out);
        assertTrue(out.contains("retry   t\\u001b[31m attempt 1 FAILED - evil\\u001b]0;pwned"), out);
        assertTrue(out.lines().count() == 2, out);
    }

    @Test
    void runSummariesAreEscaped() {
        assertClean(RunSummary.render(List.of(result(true))));
    }

    private static void assertClean(String text) {
        assertFalse(text.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == '\r' || c == 0x202e), text);
    }

    private static TaskResult result(boolean last) {
        return new TaskResult(1, "run", "suite", "t\u001b[31m", "t", Map.of(), 1, last, TaskState.FAILED,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(1), "node", "hw\u001b[2J", 1, List.of(), HOSTILE, HOSTILE,
                HOSTILE, FailureCategory.TEST_FAILURE, last ? null : "retry");
    }
}
