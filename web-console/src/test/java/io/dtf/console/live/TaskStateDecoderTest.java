package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON form; the binary form is read in {@code LiveUpdatesIT}, which has a node to build binary objects. */
class TaskStateDecoderTest {
    @Test
    void jsonOfAStoredTaskGivesItsStateWithTheTaskIdFromTheKey() {
        String json = "{\"runId\":\"suite-1\",\"suite\":\"s\",\"order\":7,\"state\":\"FAILED\",\"attempts\":2,"
                + "\"nodeId\":\"n-1\",\"hwClass\":null,\"updatedAt\":1795870262.729000000,\"attemptId\":\"3:2\"}";
        LiveEvent.Task t = TaskStateDecoder.decode("suite-1/unit/a/b", json).orElseThrow();
        assertEquals(new LiveEvent.Task("suite-1", "unit/a/b", "FAILED", 2, "n-1", Instant.ofEpochMilli(1795870262729L)),
                t);
    }

    @Test
    void isoInstantsAndMissingFieldsAreRead() {
        String json = "{\"runId\":\"r\",\"state\":\"QUEUED\",\"updatedAt\":\"2026-12-01T15:32:02.729Z\"}";
        LiveEvent.Task t = TaskStateDecoder.decode("r/t", json).orElseThrow();
        assertEquals(0, t.attempts());
        assertEquals(Instant.parse("2026-12-01T15:32:02.729Z"), t.at());
    }

    @Test
    void whatIsNoTaskStateIsSkipped() {
        assertEquals(Optional.empty(), TaskStateDecoder.decode("r/t", "not json"));
        assertEquals(Optional.empty(), TaskStateDecoder.decode("r/t", "{\"state\":\"QUEUED\"}"));
        assertEquals(Optional.empty(), TaskStateDecoder.decode("other/t", "{\"runId\":\"r\",\"state\":\"QUEUED\"}"));
        assertTrue(TaskStateDecoder.decode(42L, "{}").isEmpty());
        assertTrue(TaskStateDecoder.decode("r/t", 42).isEmpty());
    }
}
