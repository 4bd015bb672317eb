package io.dtf.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TaskState;
import io.dtf.suite.SuiteError;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks every id and filter passes before it reaches the grid. */
class ApiInputTest {
    @Test
    void runIdsAreTheCoordinatorsCharactersOnly() {
        assertEquals("quickstart-20261202-003512-4f2a", Ids.run("id", "quickstart-20261202-003512-4f2a"));
        for (String bad : new String[] {"", "a b", "../etc", "x".repeat(257), "run\u0000", "<script>"}) {
            ApiException e = assertThrows(ApiException.class, () -> Ids.run("id", bad), bad);
            assertEquals("id", e.field());
        }
    }

    @Test
    void taskIdsMayHoldAnythingPrintable() {
        assertEquals("sha256[size=1MiB]#2", Ids.task("task", "sha256[size=1MiB]#2"));
        assertEquals("a/b c", Ids.task("task", "a/b c"));
        assertThrows(ApiException.class, () -> Ids.task("task", "a\nb"));
        assertThrows(ApiException.class, () -> Ids.task("task", "x".repeat(1_001)));
    }

    @Test
    void statesAreACommaListInAnyCase() {
        assertEquals(Set.of(TaskState.FAILED, TaskState.TIMED_OUT), RunRoutes.states("failed, TIMED_OUT,"));
        assertEquals(Set.of(), RunRoutes.states(null));
        ApiException e = assertThrows(ApiException.class, () -> RunRoutes.states("PASSED,DONE"));
        assertEquals("state", e.field());
        assertTrue(e.getMessage().contains("'DONE'") && e.getMessage().contains("CANCELLED"), e.getMessage());
    }

    @Test
    void suiteErrorsArePathsIntoTheDocument() {
        assertEquals("tasks[2].timeout", SuiteBody.path(new SuiteError("request body", "t", 3, "timeout", "bad")));
        assertEquals("tasks[0]", SuiteBody.path(new SuiteError("request body", "t", 1, null, "bad")));
        assertEquals("defaults.retries", SuiteBody.path(new SuiteError("request body", "defaults.retries", "bad")));
    }
}
