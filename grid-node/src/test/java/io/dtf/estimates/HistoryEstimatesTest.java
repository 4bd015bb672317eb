package io.dtf.estimates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dtf.model.CommandAction;
import io.dtf.model.DurationSample;
import io.dtf.model.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected durations from history: known tasks, other classes through speed factors, the prior. */
class HistoryEstimatesTest {
    /** Suite "s": tasks t1..t4 on x86 (1, 2, 3, 4 s, 5 samples each) and three times as long on arm (2 each). */
    private static List<DurationSample> twoClasses() {
        List<DurationSample> samples = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            samples.add(new DurationSample("s", "t" + i, "x86", 5, i * 1_000L));
            samples.add(new DurationSample("s", "t" + i, "arm", 2, i * 3_000L));
        }
        return samples;
    }

    @Test
    void aTaskKnownOnAClassTakesItsMedianThere() {
        HistoryEstimates estimates = HistoryEstimates.of(twoClasses());
        assertEquals(2_000, estimates.expectedMillis("s", spec("t2"), "x86"));
        assertEquals(6_000, estimates.expectedMillis("s", spec("t2"), "arm"));
    }

    @Test
    void speedFactorsAreLearnedAgainstTheClassWithMostSamplesAndCarryATaskToClassesItNeverRanOn() {
        List<DurationSample> samples = twoClasses();
        samples.add(new DurationSample("s", "only-on-x86", "x86", 1, 500));
        samples.add(new DurationSample("s", "only-on-arm", "arm", 1, 9_000));
        HistoryEstimates estimates = HistoryEstimates.of(samples);

        assertEquals("x86", estimates.speeds().reference());
        assertEquals(3.0, estimates.speeds().of("arm"), 1e-9);
        assertEquals(1_500, estimates.expectedMillis("s", spec("only-on-x86"), "arm"));
        assertEquals(3_000, estimates.expectedMillis("s", spec("only-on-arm"), "x86"));
    }

    @Test
    void anUnknownOrUndeclaredClassHasFactorOneAndGetsTheReferenceDuration() {
        HistoryEstimates estimates = HistoryEstimates.of(twoClasses());
        assertEquals(1.0, estimates.speeds().of("riscv"));
        assertEquals(1.0, estimates.speeds().of(null));
        // t3: 3 s on x86 (5 samples), 9 s / 3 on arm (2 samples): 3 s on the reference either way.
        assertEquals(3_000, estimates.expectedMillis("s", spec("t3"), "riscv"));
        assertEquals(3_000, estimates.expectedMillis("s", spec("t3"), null));
    }

    @Test
    void anUnknownTaskGetsItsSuitesTypicalDurationScaledToTheClass() {
        HistoryEstimates estimates = HistoryEstimates.of(twoClasses());
        // The suite's tasks take 1, 2, 3, 4 s on the reference: median 2.5 s.
        assertEquals(2_500, estimates.expectedMillis("s", spec("new-task"), "x86"));
        assertEquals(7_500, estimates.expectedMillis("s", spec("new-task"), "arm"));
    }

    @Test
    void aTaskOfAnUnknownSuiteGetsTheDefaultPriorCappedByItsTimeout() {
        HistoryEstimates estimates = HistoryEstimates.of(twoClasses());
        assertEquals(HistoryEstimates.DEFAULT_PRIOR.toMillis(), estimates.expectedMillis("other", spec("t1"), "x86"));
        assertEquals(30_000, estimates.expectedMillis("other", spec("t1"), "arm"));
        assertEquals(2_000, estimates.expectedMillis("other", spec("t1", Duration.ofSeconds(2)), "x86"));
        assertEquals(HistoryEstimates.DEFAULT_PRIOR.toMillis(),
                HistoryEstimates.prior().expectedMillis("s", spec("t1"), "x86"), "nothing learned yet");
        assertEquals(4_000, HistoryEstimates.of(List.of(), Duration.ofSeconds(4))
                .expectedMillis("s", spec("t1"), null));
    }

    @Test
    void outlierRatiosDoNotMoveASpeedFactor() {
        List<DurationSample> samples = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            samples.add(new DurationSample("s", "t" + i, "x86", 3, i * 1_000L));
            samples.add(new DurationSample("s", "t" + i, "arm", 1, i * 2_000L));
        }
        // A task that hung on arm (100x), one that ran another input (8x: within the bound, far from the rest),
        // and one too short to measure hardware (process start-up dominates 200 ms).
        samples.add(new DurationSample("s", "hung", "x86", 3, 1_000));
        samples.add(new DurationSample("s", "hung", "arm", 1, 100_000));
        samples.add(new DurationSample("s", "other-input", "x86", 3, 1_000));
        samples.add(new DurationSample("s", "other-input", "arm", 1, 8_000));
        samples.add(new DurationSample("s", "tiny", "x86", 3, 200));
        samples.add(new DurationSample("s", "tiny", "arm", 1, 1_000));
        assertEquals(2.0, HistoryEstimates.of(samples).speeds().of("arm"), 1e-9);
    }

    @Test
    void tooFewSharedTasksLeaveTheFactorAtOne() {
        List<DurationSample> samples = new ArrayList<>();
        for (int i = 1; i < SpeedFactors.MIN_TASKS; i++) {
            samples.add(new DurationSample("s", "t" + i, "x86", 5, 1_000));
            samples.add(new DurationSample("s", "t" + i, "arm", 1, 4_000));
        }
        samples.add(new DurationSample("s", "x86-only", "x86", 5, 1_000));
        HistoryEstimates estimates = HistoryEstimates.of(samples);
        assertEquals(1.0, estimates.speeds().of("arm"));
        assertEquals(1_000, estimates.expectedMillis("s", spec("x86-only"), "arm"));
        assertNull(SpeedFactors.learn(List.of()).reference());
    }

    @Test
    void withLearnsFinishedAttemptsIntoANewSnapshotAndLeavesTheOldOneAlone() {
        HistoryEstimates first = HistoryEstimates.prior();
        HistoryEstimates learned = first.with(List.of(new DurationSample("s", "a", "x86", 1, 4_000),
                new DurationSample("s", "a", "x86", 1, 6_000), new DurationSample("s", "b", "x86", 1, 1_000)));

        assertEquals(HistoryEstimates.DEFAULT_PRIOR.toMillis(), first.expectedMillis("s", spec("a"), "x86"));
        assertEquals(5_000, learned.expectedMillis("s", spec("a"), "x86"));
        assertEquals(new DurationSample("s", "a", "x86", 2, 5_000), learned.samples().get(0));
        assertEquals(2, learned.samples().size());
        // The mean of the suite's two tasks' medians: 3 s.
        assertEquals(3_000, learned.expectedMillis("s", spec("c"), "x86"));
        assertEquals(1_250, learned.with(List.of(new DurationSample("s", "b", "x86", 2, 1_375)))
                .expectedMillis("s", spec("b"), "x86"));
    }

    @Test
    void aTaskThatTookNoTimeIsStillExpectedToTakeAMillisecond() {
        HistoryEstimates estimates = HistoryEstimates.of(List.of(new DurationSample("s", "noop", "x86", 4, 0)));
        assertEquals(1, estimates.expectedMillis("s", spec("noop"), "x86"));
        assertEquals(1, estimates.expectedMillis("s", spec("noop"), "arm"));
    }

    static TaskSpec spec(String id) {
        return spec(id, Duration.ofMinutes(30));
    }

    static TaskSpec spec(String id, Duration timeout) {
        return new TaskSpec(id, id, Map.of(), new CommandAction(List.of("true"), Map.of(), null), List.of(), 0,
                timeout, 0, 1);
    }
}
