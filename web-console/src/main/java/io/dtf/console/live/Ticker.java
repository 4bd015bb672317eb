package io.dtf.console.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.model.RunView;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One tick: takes the coalesced changes, adds the progress of each run they touched (read once per
 * tick, however many of its tasks changed), and publishes them as one frame, or as several when
 * there are more than a frame holds. A run whose tasks have all ended but which has not yet
 * recorded its end is read again for a few ticks, so that pages see it end.
 */
final class Ticker {
    /** How many more ticks a run that looks finished but has no end time yet is read again. */
    static final int FOLLOW_UPS = 8;

    private final PendingChanges pending;
    private final Function<String, Optional<RunView>> runs;
    private final FrameHub hub;
    private final ObjectMapper json;
    private final int maxEventsPerFrame;
    private final int maxRunsPerTick;
    /** Runs to read at the next tick: runId -> true when its tasks changed, false for a follow-up. */
    private final Map<String, Boolean> runsToRead = new LinkedHashMap<>();
    private final Map<String, Integer> followUps = new LinkedHashMap<>();

    Ticker(PendingChanges pending, Function<String, Optional<RunView>> runs, FrameHub hub, ObjectMapper json,
           int maxEventsPerFrame, int maxRunsPerTick) {
        this.pending = pending;
        this.runs = runs;
        this.hub = hub;
        this.json = json;
        this.maxEventsPerFrame = maxEventsPerFrame;
        this.maxRunsPerTick = maxRunsPerTick;
    }

    /** Runs one tick; answers how many frames it published. */
    int tick() {
        PendingChanges.Drained changes = pending.drain();
        if (changes.overflowed()) {
            runsToRead.clear();
            followUps.clear();
            hub.publishResync();
            return 1;
        }
        List<LiveEvent> events = new ArrayList<>(changes.others());
        events.addAll(changes.tasks());
        for (LiveEvent.Task t : changes.tasks()) {
            runsToRead.put(t.runId(), true);
            followUps.remove(t.runId());
        }
        followUps.keySet().forEach(r -> runsToRead.putIfAbsent(r, false));
        events.addAll(readRuns());
        int frames = 0;
        for (int from = 0; from < events.size(); from += maxEventsPerFrame) {
            hub.publish(write(events.subList(from, Math.min(events.size(), from + maxEventsPerFrame))));
            frames++;
        }
        return frames;
    }

    private List<LiveEvent> readRuns() {
        List<LiveEvent> out = new ArrayList<>();
        Iterator<Map.Entry<String, Boolean>> it = runsToRead.entrySet().iterator();
        for (int read = 0; read < maxRunsPerTick && it.hasNext(); read++) {
            Map.Entry<String, Boolean> next = it.next();
            String runId = next.getKey();
            boolean touched = next.getValue();
            Optional<RunView> view;
            try {
                view = runs.apply(runId);
            } catch (RuntimeException e) {
                break; // the coordinator is away (moving, say): these runs are read at the next tick
            }
            it.remove();
            if (view.isEmpty()) {
                followUps.remove(runId);
                continue;
            }
            RunView run = view.get();
            boolean ended = run.endedAt() != null;
            if (touched || ended) {
                out.add(new LiveEvent.Run(run.runId(), run.suite(), run.total(), run.counts(), run.endedAt()));
            }
            int left = touched ? FOLLOW_UPS : followUps.getOrDefault(runId, 0) - 1;
            if (!ended && run.isDone() && left > 0) {
                followUps.put(runId, left);
            } else {
                followUps.remove(runId);
            }
        }
        return out;
    }

    private String write(List<LiveEvent> events) {
        try {
            return json.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode live events", e);
        }
    }
}
