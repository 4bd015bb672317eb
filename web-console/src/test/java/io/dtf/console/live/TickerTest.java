package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TickerTest {
    private final PendingChanges pending = new PendingChanges(10_000);
    private final FrameHub hub = new FrameHub(100, 1000, 1 << 24);
    private final List<String> runReads = new ArrayList<>();
    private final RunProgress runs = new RunProgress(id -> {
        runReads.add(id);
        return Optional.empty();
    }, 100);
    private final List<String> received = new ArrayList<>();

    private Ticker ticker(PendingChanges from, int perFrame) {
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
        return new Ticker(from, runs, hub, Json.reportMapper(), perFrame);
    }

    private JsonNode frame(int i) {
        return Json.read(received.get(i), JsonNode.class);
    }

    @Test
    void oneTickMakesOneFrameOfTheLatestStatesAndMarksTheirRunsForReading() {
        Ticker ticker = ticker(pending, 500);
        pending.task(PendingChangesTest.task("r1", "a", "RUNNING"));
        pending.task(PendingChangesTest.task("r1", "a", "PASSED"));
        pending.task(PendingChangesTest.task("r2", "b", "RUNNING"));
        assertEquals(1, ticker.tick());
        JsonNode f = frame(0);
        assertEquals(100, f.get("seq").asLong());
        JsonNode events = f.get("events");
        assertEquals(2, events.size());
        assertEquals("task", events.get(0).get("type").asText());
        assertEquals("PASSED", events.get(0).get("state").asText());
        assertEquals("1970-01-01T00:00:00Z", events.get(0).get("at").asText());
        runs.read();
        assertEquals(List.of("r1", "r2"), runReads);
    }

    @Test
    void aQuietTickSendsNothing() {
        Ticker ticker = ticker(pending, 500);
        assertEquals(0, ticker.tick());
        assertTrue(received.isEmpty());
    }

    @Test
    void aBigTickIsSplitIntoNumberedFramesOfBoundedSize() {
        Ticker ticker = ticker(pending, 100);
        for (int i = 0; i < 1234; i++) {
            pending.task(PendingChangesTest.task("r" + (i % 2), "t" + i, "PASSED"));
        }
        assertEquals(13, ticker.tick());
        int events = 0;
        for (int i = 0; i < received.size(); i++) {
            assertEquals(100 + i, frame(i).get("seq").asLong());
            assertTrue(frame(i).get("events").size() <= 100);
            events += frame(i).get("events").size();
        }
        assertEquals(1234, events);
    }

    @Test
    void anOverflowTellsEveryPageToResync() {
        PendingChanges small = new PendingChanges(5);
        Ticker ticker = ticker(small, 500);
        for (int i = 0; i < 6; i++) {
            small.task(PendingChangesTest.task("r", "t" + i, "PASSED"));
        }
        ticker.tick();
        assertEquals("{\"seq\":100,\"resync\":true}", received.get(0));
    }
}
