package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An error quotes what it refers to cut short: a long value, key or name is never echoed whole. */
class SuiteErrorEchoTest {
    private static final String LONG = "v".repeat(5_000);

    @ParameterizedTest
    @ValueSource(strings = {
            "suite: s\ntasks: [{name: a, type: command, command: [x], timeout: LONG}]",
            "suite: s\ntasks: [{name: a, type: LONG}]",
            "suite: s\ntasks: [{name: LONG, type: nonsense}]",
            "suite: s\ntasks: [{name: a, type: command, command: [x], LONG: 1}]",
            "suite: s\ntasks: LONG",
            "suite: s\ntasks: [LONG]",
            "suite: s\ntasks: [{name: a, type: benchmark, benchmark: LONG}]",
            "suite: s\ntasks: [{name: a, type: command, command: [x], env: {LONG: 1}}]",
            "suite: s\ntasks: [{name: a, type: command, command: [x], params: {LONG: 1}}]",
            "suite: s\ntasks: [{name: a, type: command, command: [x], params: {p: [LONG, LONG]}}]",
            "suite: s\ntasks: [{name: a, type: command, command: [x], retries: 'LONG'}]",
            "suite: s\ntasks: [{name: a, type: command, command: [x], requires: [os == LONG]}]",
            "suite: s\nLONG: 1\nLONG: 2\ntasks: [{name: a, type: command, command: [x]}]",
            "suite: s\ntasks: [{name: LONG, type: command, command: [x]}, {name: LONG, type: command, command: [x]}]",
            "{\"suite\": \"s\", \"tasks\": [{\"name\": \"a\", \"LONG\": 1}]}",
            "suite: LONG\ntasks: [{name: a, type: command, command: [x]}]",
            // Found by fuzzing: an unknown placeholder spanning much of the file, quoted three times.
            "suite: s\ntasks: [{name: a, type: command, command: [\"${LONG}\"]}]",
            "suite: s\ntasks: [{name: a, type: command, command: [\"${x}\"], params: {LONGa: 1, LONGb: 2, LONGc: 3}}]",
    })
    void errorsQuoteLongInputCutShort(String template) {
        assertShort(template.replace("LONG", LONG));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"suite\": \"s\", \"tasks\": [{\"name\": \"ESCAPES\", \"type\": \"ESCAPES\", \"ESCAPES\": 1}]}",
            // Found by fuzzing: a parser's message quoting a token of control characters, each escaped to six.
            "{\"suite\": \"s\", \"tasks\": [yCONTROLS]}",
    })
    void controlCharactersCountEscapedInTheBound(String template) {
        assertShort(template.replace("CONTROLS", "\u0019".repeat(300)).replace("ESCAPES", "\\u0019".repeat(300)));
    }

    private static void assertShort(String suite) {
        List<SuiteError> errors = assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse(suite, "s.yaml")).errors();

        assertFalse(errors.isEmpty());
        for (SuiteError error : errors) {
            int length = error.toString().length() - error.source().length();
            assertTrue(length <= SuiteFuzzTest.MAX_ERROR_CHARS, () -> length + " characters: "
                    + error.toString().substring(0, 200) + "...");
        }
    }
}
