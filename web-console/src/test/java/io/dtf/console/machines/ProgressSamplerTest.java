package io.dtf.console.machines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressSamplerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final List<RunView> runs = new ArrayList<>();
    private final ProgressSampler sampler = new ProgressSampler(() -> List.copyOf(runs), clock);

    private static RunView run(String id, Instant submitted, int total, int passed, int running, int queued) {
        return new RunView(id, "suite-" + id, submitted, null, total,
                Map.of(TaskState.PASSED, passed, TaskState.RUNNING, running, TaskState.QUEUED, queued));
    }

    @Test
    void aRunsPaceOverTheWatchedMinutesGivesItsEta() {
        runs.add(run("r1", T0.minusSeconds(600), 100, 10, 2, 88));
        sampler.sample();
        clock.now = T0.plusSeconds(60);
        runs.set(0, run("r1", T0.minusSeconds(600), 100, 40, 2, 58));
        Progress p = sampler.progress(Duration.ofSeconds(2));

        RunEta eta = p.active().get(0);
        assertEquals(30.0, eta.perMinute(), 1e-9);
        assertEquals(120L, eta.etaSeconds(), "60 tasks left at 30 a minute");
        assertEquals(30.0, p.perMinute(), 1e-9);
    }

    @Test
    void aRunSeenOnceIsPacedBySinceItWasSubmitted() {
        runs.add(run("r1", T0.minusSeconds(100), 30, 10, 0, 20));
        Progress p = sampler.progress(Duration.ofSeconds(2));

        assertEquals(6.0, p.active().get(0).perMinute(), 1e-9);
        assertEquals(200L, p.active().get(0).etaSeconds());
        assertNull(p.perMinute(), "one look tells no grid-wide rate");
    }

    @Test
    void aRunThatFinishedNothingHasNoEta() {
        runs.add(run("r1", T0.minusSeconds(100), 30, 0, 2, 28));
        assertNull(sampler.progress(Duration.ofSeconds(2)).active().get(0).etaSeconds());
    }

    @Test
    void aRunSubmittedBetweenLooksCountsAllItFinished() {
        sampler.sample();
        clock.now = T0.plusSeconds(30);
        runs.add(run("r2", T0.plusSeconds(5), 10, 4, 0, 6));
        Progress p = sampler.progress(Duration.ofSeconds(2));

        assertEquals(4, p.throughput().stream().mapToInt(ThroughputPoint::finished).sum());
        assertEquals(8.0, p.perMinute(), 1e-9);
    }

    @Test
    void samplesOlderThanTheWindowAreDropped() {
        runs.add(run("r1", T0, 1000, 0, 0, 1000));
        for (int minute = 0; minute <= 30; minute++) {
            clock.now = T0.plus(Duration.ofMinutes(minute));
            runs.set(0, run("r1", T0, 1000, minute * 10, 0, 1000 - minute * 10));
            sampler.sample();
        }
        Progress p = sampler.progress(Duration.ofMinutes(1));
        assertTrue(p.throughput().size() <= 16, "at most the window's minutes: " + p.throughput().size());
        assertTrue(p.throughput().stream().allMatch(t -> t.finished() == 10), p.throughput().toString());
    }

    @Test
    void aFreshSampleIsNotTakenAgain() {
        runs.add(run("r1", T0, 10, 1, 0, 9));
        sampler.sample();
        runs.clear();
        clock.now = T0.plusSeconds(1);
        assertEquals(1, sampler.progress(Duration.ofSeconds(2)).runs().size(), "read one second ago: still fresh");
    }
}
