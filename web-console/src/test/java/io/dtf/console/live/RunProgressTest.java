package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunProgressTest {
    private final Map<String, RunView> runs = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private boolean away;
    private final RunProgress progress = new RunProgress(id -> {
        if (away) {
            throw new IllegalStateException("coordinator moving");
        }
        reads.add(id);
        return Optional.ofNullable(runs.get(id));
    }, 2);

    private static RunView run(String id, int total, int passed, Instant ended) {
        return new RunView(id, "suite", Instant.EPOCH, ended, total, Map.of(TaskState.PASSED, passed,
                TaskState.QUEUED, total - passed));
    }

    @Test
    void eachTouchedRunIsReadOnceAndAtMostSoManyAtATime() {
        runs.put("a", run("a", 3, 1, null));
        progress.touched(List.of("a", "b", "c"));
        progress.touched(List.of("a"));
        List<LiveEvent.Run> first = progress.read();
        assertEquals(List.of("a", "b"), reads);
        assertEquals(1, first.size(), "b is unknown: no event");
        assertEquals(1, first.get(0).counts().get(TaskState.PASSED));
        progress.read();
        assertEquals(List.of("a", "b", "c"), reads);
        assertEquals(List.of(), progress.read());
    }

    @Test
    void aRunWhoseTasksAllEndedIsReadAgainUntilItsEndIsRecorded() {
        runs.put("r", run("r", 1, 1, null));
        progress.touched(List.of("r"));
        assertNull(progress.read().get(0).endedAt());
        assertEquals(List.of(), progress.read(), "a follow-up says nothing while the run has not ended");
        runs.put("r", run("r", 1, 1, Instant.ofEpochSecond(5)));
        assertEquals(Instant.ofEpochSecond(5), progress.read().get(0).endedAt());
        assertEquals(List.of(), progress.read());
        assertEquals(3, reads.size(), "an ended run is not read again");
    }

    @Test
    void runsThatCouldNotBeReadAreReadNextTime() {
        runs.put("r", run("r", 2, 0, null));
        progress.touched(List.of("r"));
        away = true;
        assertEquals(List.of(), progress.read());
        away = false;
        assertEquals(1, progress.read().size());
    }
}
