package io.dtf.results.duckdb;

import static io.dtf.results.TestResults.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TaskResult;
import io.dtf.results.ResultOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paged reads of a run, as the aggregator service answers them: the pages add up to the whole run. */
class ResultPagesTest {
    private static DuckDbResultStore store;

    @BeforeAll
    static void storeTwoRuns() throws Exception {
        Path file = Path.of("target", "duckdb-test", "pages.duckdb");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        store = DuckDbResultStore.open(file);
        List<TaskResult> batch = new ArrayList<>();
        for (long seq = 1; seq <= 25; seq++) {
            batch.add(passed(seq, seq % 5 == 0 ? "other" : "main"));
        }
        store.ingest(ResultOrigin.grid("pages-test"), batch);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Test
    void pagesInSeqOrderAddUpToTheWholeRunWithMetricsAndSamples() {
        List<TaskResult> paged = new ArrayList<>();
        for (long offset = 0; ; offset += 7) {
            List<TaskResult> page = store.results("main", null, offset, 7);
            if (page.isEmpty()) {
                break;
            }
            assertTrue(page.size() <= 7);
            paged.addAll(page);
        }
        assertEquals(store.results("main"), paged);
        assertEquals(20, paged.size());
    }

    @Test
    void aTaskFilterKeepsOnlyThatTasksAttempts() {
        List<TaskResult> one = store.results("main", "task-3", 0, 100);
        assertEquals(List.of(store.results("main").get(2)), one);
        assertEquals(List.of(), store.results("main", "task-5", 0, 100), "task-5 is in the other run");
    }

    @Test
    void pastTheEndIsEmptyAndNegativeWindowsAreRefused() {
        assertEquals(List.of(), store.results("main", null, 20, 10));
        assertEquals(List.of(), store.results("no-such-run", null, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> store.results("main", null, -1, 10));
    }
}
