package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadBackTest {
    private static TaskResult attempt(long seq, String task, int attempt) {
        return new TaskResult(seq, "run", "suite", task, task, Map.of(), attempt, true, TaskState.PASSED, null, null,
                null, null, 0, List.of(), null, null, null, null, null);
    }

    @Test
    void aRunReadBackWholeIsComplete() {
        List<TaskResult> produced = List.of(attempt(1, "a", 1), attempt(2, "b", 1));
        assertTrue(ReadBack.compare(produced, List.of(attempt(2, "b", 1), attempt(1, "a", 1))).complete());
    }

    @Test
    void aMissingAttemptIsNamedEvenWhenAnotherResultHoldsItsSeq() {
        List<TaskResult> produced = List.of(attempt(1, "a", 1), attempt(2, "b", 1));
        ReadBack check = ReadBack.compare(produced, List.of(attempt(1, "a", 1), attempt(2, "other", 1)));

        assertFalse(check.complete());
        assertEquals(List.of(attempt(2, "b", 1)), check.missing());
        assertEquals(1, check.extra());
        assertEquals("1 of 2 results are missing (b attempt 1 seq 2); 1 rows of the run match no result it produced "
                + "or repeat one (see ingest_conflicts)", check.describe());
    }

    @Test
    void aRowStoredTwiceIsNotComplete() {
        List<TaskResult> produced = List.of(attempt(1, "a", 1));
        ReadBack check = ReadBack.compare(produced, List.of(attempt(1, "a", 1), attempt(1, "a", 1)));
        assertFalse(check.complete());
        assertEquals(1, check.extra());
    }
}
