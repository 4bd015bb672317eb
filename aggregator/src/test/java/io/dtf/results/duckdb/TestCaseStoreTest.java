package io.dtf.results.duckdb;

import static io.dtf.results.TestResults.GRID;
import static io.dtf.results.TestResults.junit;
import static io.dtf.results.TestResults.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import io.dtf.results.TestResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A junit task's test cases in {@code test_cases}: stored with their result, once, and read back with it. */
class TestCaseStoreTest {
    private static final List<TestCase> TESTS = List.of(
            test("com.example.ParserTest", "parsesEmpty", TestStatus.PASSED, 12),
            test("com.example.ParserTest", "parsesQuotes", TestStatus.FAILED, 40),
            new TestCase("com.example.ParserTest", null, "ParserTest", null, TestStatus.ERROR, 0,
                    "java.lang.IllegalStateException", null, "at BeforeAll", null, "stderr \u00e9\n"),
            test("com.example.IoTest", "skipped", TestStatus.SKIPPED, 0));

    @TempDir
    Path dir;

    private long testRows(DuckDbResultStore store) {
        return store.query(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM test_cases")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void testCasesReadBackWithTheirResultInOrderWithNullsAndSurviveAReopen() {
        Path file = dir.resolve("tests.duckdb");
        TaskResult failed = junit(1, "r1", "unit", "t1", 1, true, TaskState.FAILED, "x86", TESTS);
        TaskResult plain = TestResults.passed(2, "r1");
        try (DuckDbResultStore store = DuckDbResultStore.open(file)) {
            assertEquals(2, store.ingest(GRID, List.of(failed, plain)));
            assertEquals(List.of(failed, plain), store.results("r1"));
            assertEquals(List.of(failed), store.results("r1", "t1", 0, 10), "a page of one task has its tests");
            assertEquals(List.of(), store.results("r1", null, 1, 10).get(0).tests());
            assertEquals(4, testRows(store));
        }
        try (DuckDbResultStore store = DuckDbResultStore.open(file)) {
            assertEquals(failed.tests(), store.results("r1").get(0).tests(), "kept across a restart");
        }
    }

    @Test
    void reingestingResultsWithTestsStoresNoTestTwice() {
        TaskResult first = junit(1, "r1", "unit", "t1", 1, false, TaskState.FAILED, "x86", TESTS);
        TaskResult second = junit(2, "r1", "unit", "t1", 2, true, TaskState.PASSED, "arm",
                List.of(test("com.example.ParserTest", "parsesQuotes", TestStatus.PASSED, 38)));
        try (DuckDbResultStore store = DuckDbResultStore.open(dir.resolve("again.duckdb"))) {
            assertEquals(2, store.ingest(GRID, List.of(first, second, first)));
            assertEquals(0, store.ingest(GRID, List.of(second, first)));
            assertEquals(5, testRows(store));
            assertEquals(List.of(first, second), store.results("r1"));
        }
    }

    @Test
    void aDifferentResultUnderAStoredIdentityKeepsItsOwnTests() {
        TaskResult stored = junit(1, "r1", "unit", "t1", 1, true, TaskState.FAILED, "x86", TESTS);
        TaskResult other = junit(1, "r1", "unit", "t1", 1, true, TaskState.FAILED, "x86", TESTS.subList(0, 1));
        try (DuckDbResultStore store = DuckDbResultStore.open(dir.resolve("conflict.duckdb"))) {
            store.ingest(GRID, List.of(stored));
            assertEquals(1, store.ingest(GRID, List.of(other)), "other tests are other content");
            assertEquals(1, store.conflicts().size());
            assertEquals(List.of(stored, other), store.results("r1"));
            assertEquals(5, testRows(store));
        }
    }

    @Test
    void aResultWithoutTestsDigestsAsBeforeResultsHadTestsSoItsRedeliveryIsNoConflict() throws Exception {
        TaskResult plain = TestResults.passed(7, "r");
        // "tests" sorts last among the properties: the digest is of the JSON results had before it.
        String withEmptyTests = JsonMapper.builder().addModule(new JavaTimeModule())
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build().writeValueAsString(plain);
        assertTrue(withEmptyTests.endsWith(",\"tests\":[]}"), withEmptyTests);
        String before = withEmptyTests.substring(0, withEmptyTests.length() - ",\"tests\":[]}".length()) + "}";
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(before.getBytes(StandardCharsets.UTF_8))), ContentHash.of(plain));

        TaskResult withTests = junit(7, "r", "unit", "t", 1, true, TaskState.PASSED, "x86", TESTS.subList(0, 1));
        TaskResult withoutTests = junit(7, "r", "unit", "t", 1, true, TaskState.PASSED, "x86", List.of());
        assertNotEquals(ContentHash.of(withTests), ContentHash.of(withoutTests), "tests are content");
    }
}
