package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.wire.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A run's phase follows from its stored record, and only the table's moves are allowed. */
class RunPhaseTest {
    private final RunRecord active = new RunRecord("r", "s", Instant.EPOCH, 1, null);

    @Test
    void aRunMovesFromActiveThroughCancellingToEndedAndForgotten() {
        RunState run = new RunState(active);
        assertEquals(RunPhase.ACTIVE, run.phase());
        run.cancel(Cancellation.add(null, "a", Instant.EPOCH));
        run.cancel(Cancellation.add(run.record().cancellation(), "b", Instant.EPOCH));
        assertEquals(RunPhase.CANCELLING, run.phase());
        run.end(Instant.EPOCH);
        assertEquals(RunPhase.ENDED, run.phase());
        run.forget();
        assertEquals(RunPhase.FORGOTTEN, run.phase());
    }

    @Test
    void anEndedRunCannotBeCancelledOrEndedAgainAndOnlyAnEndedOneIsForgotten() {
        RunRecord ended = active.ended(Instant.EPOCH);
        assertThrows(IllegalStateException.class, () -> ended.ended(Instant.EPOCH));
        assertThrows(IllegalStateException.class, () -> ended.cancelled(Cancellation.add(null, null, Instant.EPOCH)));
        assertThrows(IllegalStateException.class, () -> new RunState(active).forget());
    }

    @Test
    void thePhaseIsReadFromStoredRowsAndNeverStored() {
        RunRecord cancelling = Json.read("{\"runId\":\"r\",\"suite\":\"s\",\"submittedAt\":\"2026-12-01T12:00:00Z\","
                + "\"total\":2,\"endedAt\":null,\"cancellation\":{\"requestedAt\":\"2026-12-01T12:00:01Z\","
                + "\"wholeRun\":true,\"taskIds\":[]}}", RunRecord.class);
        assertEquals(RunPhase.CANCELLING, cancelling.phase());
        assertFalse(Json.write(cancelling).contains("phase"), Json.write(cancelling));
    }
}
