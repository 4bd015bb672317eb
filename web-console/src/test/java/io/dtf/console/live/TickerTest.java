package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import io.dtf.wire.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TickerTest {
    private final PendingChanges pending = new PendingChanges(10_000);
    private final FrameHub hub = new FrameHub(100, 1000, 1 << 24);
    private final Map<String, RunView> runs = new HashMap<>();
    private final List<String> runReads = new ArrayList<>();
    private final List<String> received = new ArrayList<>();

    private Ticker ticker(int perFrame) {
        Outbox page = new Outbox(new Outbox.Sink() {
            @Override
            public void send(String text, Runnable done, Runnable failed) {
                received.add(text);
                done.run();
            }

            @Override
            public void close(int code, String reason) {
            }
        }, 1000, 1 << 24);
        hub.join(page, 99L);
        return new Ticker(pending, id -> {
            runReads.add(id);
            return Optional.ofNullable(runs.get(id));
        }, hub, Json.reportMapper(), perFrame, 100);
    }

    private static RunView run(String id, int total, int passed, Instant ended) {
        return new RunView(id, "suite", Instant.EPOCH, ended, total, Map.of(TaskState.PASSED, passed,
                TaskState.QUEUED, total - passed));
    }

    private JsonNode frame(int i) {
        return Json.read(received.get(i), JsonNode.class);
    }

    @Test
    void oneTickMakesOneFrameWithTasksThenEachTouchedRunOnce() {
        Ticker ticker = ticker(500);
        runs.put("r1", run("r1", 3, 1, null));
        pending.task(PendingChangesTest.task("r1", "a", "RUNNING"));
        pending.task(PendingChangesTest.task("r1", "a", "PASSED"));
        pending.task(PendingChangesTest.task("r1", "b", "RUNNING"));
        assertEquals(1, ticker.tick());
        assertEquals(List.of("r1"), runReads, "one read for the run however many of its tasks changed");
        JsonNode f = frame(0);
        assertEquals(100, f.get("seq").asLong());
        JsonNode events = f.get("events");
        assertEquals(3, events.size());
        assertEquals("task", events.get(0).get("type").asText());
        assertEquals("PASSED", events.get(0).get("state").asText());
        assertEquals("1970-01-01T00:00:00Z", events.get(0).get("at").asText());
        JsonNode runEvent = events.get(2);
        assertEquals("run", runEvent.get("type").asText());
        assertEquals(1, runEvent.get("counts").get("PASSED").asInt());
        assertTrue(runEvent.get("endedAt").isNull());
    }

    @Test
    void aQuietTickSendsNothing() {
        Ticker ticker = ticker(500);
        assertEquals(0, ticker.tick());
        assertTrue(received.isEmpty());
    }

    @Test
    void aBigTickIsSplitIntoNumberedFramesOfBoundedSize() {
        Ticker ticker = ticker(100);
        for (int i = 0; i < 1234; i++) {
            pending.task(PendingChangesTest.task("r" + (i % 2), "t" + i, "PASSED"));
        }
        assertEquals(13, ticker.tick()); // 1,234 tasks; the two runs are unknown (no run events)
        int events = 0;
        for (int i = 0; i < received.size(); i++) {
            assertEquals(100 + i, frame(i).get("seq").asLong());
            assertTrue(frame(i).get("events").size() <= 100);
            events += frame(i).get("events").size();
        }
        assertEquals(1234, events);
    }

    @Test
    void aRunWhoseTasksAllEndedIsReadAgainUntilItsEndIsRecorded() {
        Ticker ticker = ticker(500);
        runs.put("r1", run("r1", 1, 1, null));
        pending.task(PendingChangesTest.task("r1", "a", "PASSED"));
        ticker.tick();
        assertEquals(0, ticker.tick(), "a follow-up sends nothing while the run has not ended");
        runs.put("r1", run("r1", 1, 1, Instant.ofEpochSecond(5)));
        assertEquals(1, ticker.tick());
        assertEquals("1970-01-01T00:00:05Z", frame(1).get("events").get(0).get("endedAt").asText());
        ticker.tick();
        assertEquals(3, runReads.size(), "an ended run is not read again");
    }

    @Test
    void anOverflowTellsEveryPageToResync() {
        PendingChanges small = new PendingChanges(5);
        Ticker ticker = new Ticker(small, id -> Optional.empty(), hub, Json.reportMapper(), 500, 100);
        ticker(500); // joins the recording page
        for (int i = 0; i < 6; i++) {
            small.task(PendingChangesTest.task("r", "t" + i, "PASSED"));
        }
        ticker.tick();
        assertEquals("{\"seq\":100,\"resync\":true}", received.get(0));
    }
}
