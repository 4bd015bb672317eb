package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dtf.wire.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A run's owner is stored with it, and runs stored before runs had owners still read. */
class RunRecordTest {
    @Test
    void aRunStoredWithoutAnOwnerReadsAsOwnerlessAndAnOwnerSurvivesEveryChange() {
        RunRecord old = Json.read("{\"runId\":\"run-1\",\"suite\":\"s\",\"submittedAt\":\"2026-12-01T12:00:00Z\","
                + "\"total\":2,\"endedAt\":null,\"cancellation\":null}", RunRecord.class);
        assertEquals("run-1", old.runId());
        assertNull(old.owner());

        RunRecord owned = new RunRecord("run-2", "s", Instant.EPOCH, 1, null, null, "ann");
        RunRecord changed = Json.read(Json.write(owned), RunRecord.class)
                .cancelled(Cancellation.add(null, null, Instant.EPOCH)).ended(Instant.EPOCH);
        assertEquals("ann", changed.owner());
    }
}
