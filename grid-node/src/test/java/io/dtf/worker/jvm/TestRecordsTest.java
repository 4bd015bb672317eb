package io.dtf.worker.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a test JVM's records, which the task's code could have written anything into. */
class TestRecordsTest {
    @TempDir
    Path dir;

    @Test
    void recordsBecomeTestCasesAndTheOneStillRunningIsKnown() throws IOException {
        Path file = write(
                "{\"event\":\"started\",\"id\":\"[class:A]\",\"test\":false,\"class\":\"A\",\"name\":\"A\"}",
                "{\"event\":\"started\",\"id\":\"[class:A]/[m:x]\",\"test\":true,\"class\":\"A\",\"method\":\"x\"}",
                "{\"event\":\"finished\",\"id\":\"[class:A]/[m:x]\",\"test\":true,\"class\":\"A\",\"method\":\"x\","
                        + "\"name\":\"x()\",\"status\":\"FAILED\",\"millis\":12,\"type\":\"java.lang.AssertionError\","
                        + "\"message\":\"no\",\"stack\":\"at A.x\",\"stdout\":\"out\\n\",\"stderr\":\"\"}",
                "{\"event\":\"started\",\"id\":\"[class:A]/[m:y]\",\"test\":true,\"class\":\"A\",\"method\":\"y\"}",
                "{\"event\":\"exit\"}");

        TestRecords records = TestRecords.read(file);

        assertEquals(List.of(new TestCase("A", "x", "x()", "[class:A]/[m:x]", TestStatus.FAILED, 12,
                "java.lang.AssertionError", "no", "at A.x", "out\n", "")), records.tests);
        assertEquals(List.of("A#y"), records.running().stream().map(TestRecords.Running::label).toList());
        assertTrue(records.exited);
        assertEquals(false, records.ended);
    }

    @Test
    void malformedOverlongAndUnknownLinesAreCountedNotFatal() throws IOException {
        Path file = write("not json", "[1,2]", "{\"event\":\"finished\",\"status\":\"MAYBE\",\"class\":\"A\"}",
                "{\"event\":\"surprise\"}", "{\"event\":\"finished\",\"test\":true,\"class\":\"\",\"name\":\"\","
                        + "\"status\":\"PASSED\",\"millis\":-5,\"message\":\"" + "z".repeat(5_000) + "\"}",
                "{\"x\":\"" + "y".repeat(TestRecords.MAX_LINE_BYTES) + "\"}", "{\"event\":\"end\"}");

        TestRecords records = TestRecords.read(file);

        assertEquals(5, records.ignored);
        assertEquals(1, records.tests.size());
        assertEquals("(unnamed)", records.tests.get(0).className());
        assertEquals(0, records.tests.get(0).durationMillis());
        assertTrue(records.tests.get(0).message().endsWith("z... [904 more characters]"), "messages are cut");
        assertTrue(records.ended);
        assertTrue(records.leftOut().startsWith("5 malformed or overlong test record lines ignored"));
    }

    @Test
    void testCasesBeyondTheLimitAreCountedNotKept() throws IOException {
        Path file = dir.resolve("many.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < TestRecords.MAX_TESTS + 7; i++) {
                out.write("{\"event\":\"finished\",\"test\":true,\"id\":\"" + i + "\",\"class\":\"A\",\"method\":\"m"
                        + i + "\",\"status\":\"PASSED\"}\n");
            }
        }

        TestRecords records = TestRecords.read(file);

        assertEquals(TestRecords.MAX_TESTS, records.tests.size());
        assertEquals(7, records.dropped);
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("records.jsonl"), List.of(lines));
    }
}
