package io.dtf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.model.TaskSpec;
import java.util.List;

/** Loads suite text and finds what came of it: the tasks of a valid suite, the errors of an invalid one. */
final class SuiteFixtures {
    static final String SOURCE = "suite.yaml";

    private SuiteFixtures() {
    }

    static List<TaskSpec> tasks(String yaml) {
        return SuiteLoader.parse(yaml, SOURCE).tasks();
    }

    /** The one task the entry named {@code id} expanded to. */
    static TaskSpec task(String yaml, String id) {
        return tasks(yaml).stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no task '" + id + "'"));
    }

    static List<SuiteError> errors(String yaml) {
        return assertThrows(SuiteValidationException.class, () -> SuiteLoader.parse(yaml, SOURCE)).errors();
    }

    static SuiteError single(List<SuiteError> errors) {
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    static SuiteError find(List<SuiteError> errors, String task, String field) {
        return errors.stream().filter(e -> (task == null ? e.task() == null : task.equals(e.task()))
                        && field.equals(e.field())).findFirst()
                .orElseThrow(() -> new AssertionError("no error on task '" + task + "', field '" + field + "' in " + errors));
    }
}
