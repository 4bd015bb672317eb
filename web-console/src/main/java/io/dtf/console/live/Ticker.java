package io.dtf.console.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One tick: takes the coalesced changes and publishes them as one frame, or as several when there
 * are more than a frame holds; tells {@link RunProgress} which runs they touched (their progress
 * comes in a later frame, read off this thread).
 */
final class Ticker {
    private final PendingChanges pending;
    private final RunProgress runs;
    private final FrameHub hub;
    private final ObjectMapper json;
    private final int maxEventsPerFrame;

    Ticker(PendingChanges pending, RunProgress runs, FrameHub hub, ObjectMapper json, int maxEventsPerFrame) {
        this.pending = pending;
        this.runs = runs;
        this.hub = hub;
        this.json = json;
        this.maxEventsPerFrame = maxEventsPerFrame;
    }

    /** Runs one tick; answers how many frames it published. */
    int tick() {
        PendingChanges.Drained changes = pending.drain();
        if (changes.overflowed()) {
            runs.clear();
            hub.publishResync();
            return 1;
        }
        List<LiveEvent> events = new ArrayList<>(changes.others());
        events.addAll(changes.tasks());
        Set<String> touched = new LinkedHashSet<>();
        changes.tasks().forEach(t -> touched.add(t.runId()));
        runs.touched(touched);
        int frames = 0;
        for (int from = 0; from < events.size(); from += maxEventsPerFrame) {
            hub.publish(write(events.subList(from, Math.min(events.size(), from + maxEventsPerFrame))));
            frames++;
        }
        return frames;
    }

    private String write(List<LiveEvent> events) {
        try {
            return json.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode live events", e);
        }
    }
}
