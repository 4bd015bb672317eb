package io.dtf.suite;

import static io.dtf.suite.SuiteFixtures.errors;
import static io.dtf.suite.SuiteFixtures.find;
import static io.dtf.suite.SuiteFixtures.task;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExclusiveTaskTest {

    @Test
    void exclusiveIsReadFromYamlAndJsonAndIsOffByDefault() {
        String yaml = """
                suite: s
                tasks:
                  - {name: bench, type: benchmark, benchmark: noop, exclusive: true}
                  - {name: shared, type: benchmark, benchmark: noop}
                """;
        assertTrue(task(yaml, "bench").exclusive());
        assertFalse(task(yaml, "shared").exclusive());
        assertTrue(task("""
                {"suite": "s", "tasks": [{"name": "bench", "type": "benchmark", "benchmark": "noop", "exclusive": true}]}
                """, "bench").exclusive());
    }

    @Test
    void anythingButTrueOrFalseIsRefusedNamingTheField() {
        SuiteError error = find(errors("""
                suite: s
                tasks:
                  - {name: bench, type: benchmark, benchmark: noop, exclusive: yes}
                """), "bench", "exclusive");
        assertTrue(error.message().contains("write e.g. exclusive: true"), error.message());
    }
}
