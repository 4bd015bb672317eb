package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.FailureCategory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuarantineTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void threeDifferentTasksFailingForInfrastructureReasonsInARowQuarantineTheNode() {
        Quarantine q = new Quarantine();
        assertNull(q.record("n", "a", FailureCategory.PROCESS_CRASH, "segv", NOW));
        assertNull(q.record("n", "a", FailureCategory.PROCESS_CRASH, "segv", NOW), "the same task again counts once");
        assertNull(q.record("n", "b", FailureCategory.RESOURCE_EXHAUSTED, "oom", NOW));
        Quarantine.Entry e = q.record("n", "c", FailureCategory.INFRASTRUCTURE, "disk", NOW);

        assertNotNull(e);
        assertEquals(3, e.tasks().size());
        assertTrue(q.isQuarantined("n", NOW.plusSeconds(60)));
        assertFalse(q.isQuarantined("n", NOW.plus(Quarantine.COOL_DOWN)), "the cool-down ends");
    }

    @Test
    void aPassOrATestFailureBreaksTheStreakAndNodeLossNeverCounts() {
        Quarantine q = new Quarantine();
        q.record("n", "a", FailureCategory.PROCESS_CRASH, "", NOW);
        q.record("n", "b", FailureCategory.PROCESS_CRASH, "", NOW);
        q.record("n", "c", FailureCategory.TEST_FAILURE, "", NOW);
        assertNull(q.record("n", "d", FailureCategory.PROCESS_CRASH, "", NOW));
        for (String task : new String[] {"e", "f", "g"}) {
            assertNull(q.record("m", task, FailureCategory.NODE_LEFT, "", NOW));
        }
        assertFalse(q.isQuarantined("m", NOW));
    }

    @Test
    void anOperatorReleaseEndsTheQuarantine() {
        Quarantine q = new Quarantine();
        for (String task : new String[] {"a", "b", "c"}) {
            q.record("n", task, FailureCategory.INFRASTRUCTURE, "", NOW);
        }
        assertTrue(q.release("n", NOW));
        assertFalse(q.isQuarantined("n", NOW));
        assertFalse(q.release("n", NOW), "releasing twice says it was not quarantined");
        assertEquals(0, q.active(NOW).size());
    }
}
