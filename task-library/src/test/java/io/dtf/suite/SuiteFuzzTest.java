package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dtf.fuzz.FuzzTally;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the suite reader (YAML and JSON) with arbitrary text. A crash is any of:
 * <ul>
 *   <li>an exception other than {@link SuiteValidationException} (a parser's own exception escaping,
 *       a NullPointerException, an OutOfMemoryError...);</li>
 *   <li>a refusal without errors, or with an error that is blank or longer than
 *       {@link #MAX_ERROR_CHARS}: an error may quote what it refers to, cut short, never echo a
 *       large part of the file back;</li>
 *   <li>an accepted suite with no task, too many tasks, or a task id the loader itself would refuse;</li>
 *   <li>an accepted suite that does not reach the coordinator intact: its JSON form (what a client
 *       submits) reads back to another suite, or fails the coordinator's admission check;</li>
 *   <li>an input that takes longer than the fuzzer's per-input timeout (a hang).</li>
 * </ul>
 * Seeds (and every crash the fuzzer finds, kept as a regression input) are in
 * {@code src/test/resources/io/dtf/suite/SuiteFuzzTestInputs/suiteText}. Without JAZZER_FUZZ this
 * runs the seeds only, as a plain unit test.
 */
class SuiteFuzzTest {
    /** An error's text (task, field and message) is at most this long, whatever the input. */
    static final int MAX_ERROR_CHARS = 1_000;

    private static final FuzzTally TALLY = new FuzzTally("suite parser");

    @FuzzTest
    void suiteText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        TALLY.run(() -> check(text));
    }

    @AfterAll
    static void report() {
        TALLY.print();
    }

    private static void check(String text) {
        Suite suite;
        try {
            suite = SuiteLoader.parse(text, "fuzz.yaml");
        } catch (SuiteValidationException e) {
            assertFalse(e.errors().isEmpty(), "a refusal without errors");
            e.errors().forEach(SuiteFuzzTest::checkError);
            return;
        }
        assertFalse(suite.tasks().isEmpty(), "an accepted suite without tasks");
        assertTrue(suite.tasks().size() <= SuiteLimits.MAX_TASKS, "more tasks than the limit");
        for (TaskSpec task : suite.tasks()) {
            assertTrue(SuiteCheck.idError(task.id()).isEmpty(), () -> "an accepted task id the loader refuses: " + task.id());
        }
        Suite submitted = Json.read(Json.write(suite), Suite.class);
        assertEquals(suite, submitted, "the suite as the coordinator reads it");
        assertEquals(List.of(), SuiteCheck.check(submitted, "submission"), "the coordinator's admission check");
    }

    private static void checkError(SuiteError error) {
        assertFalse(error.message() == null || error.message().isBlank(), () -> "a blank error: " + error);
        String shown = error.toString().substring(error.source().length());
        assertTrue(shown.length() <= MAX_ERROR_CHARS,
                () -> "an error of " + shown.length() + " characters: " + shown.substring(0, 300) + "...");
    }
}
