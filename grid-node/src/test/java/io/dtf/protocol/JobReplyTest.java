package io.dtf.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.TaskState;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether an attempt saved a checkpoint crosses the wire with its reply; a reply that does not say counts as saved. */
class JobReplyTest {
    private static final Instant AT = Instant.parse("2026-12-02T07:00:00Z");
    private final JobReply reply = new JobReply("run-1/t", "1:1", "node-1", "hw",
            new AttemptOutcome(TaskState.PASSED, AT, AT, 0, List.of(), "", "", null));

    @Test
    void aReplyThatSavedNoCheckpointSaysSoOnTheWire() {
        JobReply read = Json.read(Json.write(reply.withCheckpointed(false)), JobReply.class);

        assertEquals(Boolean.FALSE, read.checkpointed());
        assertFalse(read.mayHaveCheckpointed());
        assertTrue(Json.read(Json.write(reply.withCheckpointed(true)), JobReply.class).mayHaveCheckpointed());
    }

    @Test
    void aReplyWithoutTheFieldMayHaveSavedOne() {
        String json = Json.write(reply).replace(",\"checkpointed\":null", "");
        JobReply read = Json.read(json, JobReply.class);

        assertFalse(json.contains("checkpointed"), json);
        assertNull(read.checkpointed());
        assertTrue(read.mayHaveCheckpointed(), "an older worker's or the coordinator's own reply");
    }
}
