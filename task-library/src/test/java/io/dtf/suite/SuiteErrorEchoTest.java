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
    })
    void errorsQuoteLongInputCutShort(String template) {
        List<SuiteError> errors = assertThrows(SuiteValidationException.class,
                () -> SuiteLoader.parse(template.replace("LONG", LONG), "s.yaml")).errors();

        assertFalse(errors.isEmpty());
        for (SuiteError error : errors) {
            int length = error.toString().length() - error.source().length();
            assertTrue(length <= SuiteFuzzTest.MAX_ERROR_CHARS, () -> length + " characters: "
                    + error.toString().substring(0, 200) + "...");
        }
    }
}
