package io.dtf.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Warm-up until steady, iterations of many invocations, and the unsteady flag. */
class BenchmarkHarnessWarmupTest {

    @Test
    void theFirstMillisecondsOfASlowStartAreNotInTheFigures() throws Exception {
        // Slow for a third of a second, as code still interpreted is: shorter than the least warm-up.
        ColdStart cold = new ColdStart(Duration.ofMillis(300));

        List<Metric> metrics = new BenchmarkHarness().run(cold, Map.of()); // the defaults

        assertEquals(MeasurementDefaults.ITERATIONS, sample(metrics, "speed").size());
        assertTrue(sample(metrics, "speed").stream().allMatch(v -> Math.abs(v - ColdStart.WARM) < 1e-6), metrics::toString);
        assertEquals(1.0, only(metrics, BenchmarkHarness.WARMUP_STEADY));
        assertEquals(1.0, only(metrics, BenchmarkHarness.STEADY));
    }

    @Test
    void warmupGoesOnWhileTheBenchmarkStillSpeedsUp() throws Exception {
        // Speeds up for 1.5 s, tier after tier, longer than the least warm-up: warm-up waits for it.
        Ramp ramp = new Ramp(Duration.ofMillis(1500));
        Measurement m = new Measurement(3, Duration.ofSeconds(10), 5, Duration.ofMillis(50));

        List<Metric> metrics = new BenchmarkHarness(m).run(ramp, Map.of());

        assertTrue(sample(metrics, "speed").stream().allMatch(v -> Math.abs(v - Ramp.TOP) < 1e-6), metrics::toString);
        assertEquals(1.0, only(metrics, BenchmarkHarness.WARMUP_STEADY));
        assertTrue(only(metrics, BenchmarkHarness.WARMUP_TIME) >= 1500, metrics::toString);
    }

    @Test
    void aSlowStartThatOutlastsWarmupAndEndsWhileMeasuringIsFlaggedUnsteady() throws Exception {
        // A slow plateau looks steady to any warm-up shorter than it; the step it ends with does not.
        Sequence stepUp = new Sequence(10, 10, 10, 10, 10, 10, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
        Measurement m = Measurement.singleShots(3, 10);

        List<Metric> metrics = new BenchmarkHarness(m).run(stepUp, Map.of());

        assertEquals(0.0, only(metrics, BenchmarkHarness.STEADY), metrics::toString);
    }

    @Test
    void measuredIterationsThatStillTrendAreFlaggedUnsteady() throws Exception {
        Sequence rising = new Sequence(100, 104, 103, 110, 115, 114, 121, 126, 125, 131);

        List<Metric> metrics = new BenchmarkHarness(Measurement.singleShots(0, 10)).run(rising, Map.of());

        assertEquals(0.0, only(metrics, BenchmarkHarness.STEADY));
    }

    @Test
    void noisyButLevelIterationsAreSteady() throws Exception {
        // +-20% of noise, in an order with no trend: noise is not drift.
        Sequence noisy = new Sequence(100, 120, 85, 110, 95, 118, 82, 104, 99, 90);

        List<Metric> metrics = new BenchmarkHarness(Measurement.singleShots(0, 10)).run(noisy, Map.of());

        assertEquals(1.0, only(metrics, BenchmarkHarness.STEADY));
    }

    @Test
    void aWarmupThatNeverSettlesEndsAtItsTimeLimitAndSaysSo() throws Exception {
        Measurement m = new Measurement(1, Duration.ofMillis(200), 5, Duration.ofMillis(5));

        List<Metric> metrics = new BenchmarkHarness(m).run(new Rising(), Map.of());

        assertEquals(0.0, only(metrics, BenchmarkHarness.WARMUP_STEADY));
        assertTrue(only(metrics, BenchmarkHarness.WARMUP_TIME) >= 200);
        assertEquals(5, sample(metrics, "speed").size());
    }

    @Test
    void anIterationInvokesTheBenchmarkUntilItsTimeHasPassed() throws Exception {
        Sequence steady = new Sequence(100);
        Measurement m = new Measurement(0, Duration.ZERO, 5, Duration.ofMillis(20));

        List<Metric> metrics = new BenchmarkHarness(m).run(steady, Map.of());

        assertTrue(sample(metrics, BenchmarkHarness.ITERATION_TIME).stream().allMatch(t -> t >= 20));
        assertTrue(sample(metrics, BenchmarkHarness.INVOCATIONS).stream().mapToDouble(Double::doubleValue).sum() > 5,
                "more than one call per 20 ms iteration");
        assertEquals(steady.calls, sample(metrics, BenchmarkHarness.INVOCATIONS).stream().mapToDouble(d -> d).sum());
    }

    @Test
    void noWarmupAndOneCallLeavesTheResultAsBefore() throws Exception {
        List<Metric> metrics = new BenchmarkHarness(Measurement.SINGLE_SHOT).run(new Sequence(7), Map.of());

        assertEquals(List.of("speed", BenchmarkHarness.ITERATION_TIME), metrics.stream().map(Metric::name).toList());
    }

    @Test
    void theDeadlineStopsAWarmupThatWouldRunForAnHour() {
        Measurement m = new Measurement(1, Duration.ofHours(1), 5, Duration.ofMillis(5));

        BenchmarkCancelledException e = assertThrows(BenchmarkCancelledException.class, () -> new BenchmarkHarness(m)
                .withDeadline(Instant.now().plusMillis(300)).run(new Rising(), Map.of()));

        assertTrue(e.deadlinePassed());
    }

    @Test
    void aBenchmarkMayNotReportAMetricUnderANameTheHarnessRecords() {
        Sequence clash = new Sequence(1) {
            @Override
            public void teardown(BenchmarkContext ctx) {
                ctx.report(BenchmarkHarness.STEADY, "", 1);
            }
        };

        assertThrows(IllegalStateException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 5)).run(clash, Map.of()));
    }

    private static List<Double> sample(List<Metric> metrics, String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().samples();
    }

    private static double only(List<Metric> metrics, String name) {
        List<Double> samples = sample(metrics, name);
        assertEquals(1, samples.size(), name);
        return samples.get(0);
    }

    /** Returns the given values in turn, over and over; a rate, so higher is better. */
    static class Sequence implements Benchmark {
        private final double[] values;
        long calls;

        Sequence(double... values) {
            this.values = values;
        }

        @Override
        public String name() {
            return "sequence";
        }

        @Override
        public String description() {
            return "returns given values in turn";
        }

        @Override
        public String metric() {
            return "speed";
        }

        @Override
        public String unit() {
            return "ops/s";
        }

        @Override
        public double iteration(BenchmarkContext ctx) throws Exception {
            return values[(int) (calls++ % values.length)];
        }
    }

    /** Faster at every call, without end. */
    static final class Rising extends Sequence {
        @Override
        public double iteration(BenchmarkContext ctx) {
            return ++calls;
        }
    }

    /** Speeds up from 100 to {@link #TOP} over {@code rampFor} after setup, in ten steps, then stays there. */
    static final class Ramp extends Sequence {
        static final double TOP = 1000;
        private final long rampNanos;
        private long start;

        Ramp(Duration rampFor) {
            this.rampNanos = rampFor.toNanos();
        }

        @Override
        public void setup(BenchmarkContext ctx) {
            start = System.nanoTime();
        }

        @Override
        public double iteration(BenchmarkContext ctx) throws InterruptedException {
            Thread.sleep(1);
            long step = Math.min(10, (System.nanoTime() - start) * 10 / rampNanos);
            return step >= 10 ? TOP : 100 + 90 * step;
        }
    }

    /** Slow (as a JIT still interpreting would be) until {@code coldFor} has passed since setup, then fast. */
    static final class ColdStart implements Benchmark {
        static final double COLD = 10;
        static final double WARM = 1000;
        private final Duration coldFor;
        private long warmAt;

        ColdStart(Duration coldFor) {
            this.coldFor = coldFor;
        }

        @Override
        public String name() {
            return "cold-start";
        }

        @Override
        public String description() {
            return "slow at first, then fast";
        }

        @Override
        public String metric() {
            return "speed";
        }

        @Override
        public String unit() {
            return "ops/s";
        }

        @Override
        public void setup(BenchmarkContext ctx) {
            warmAt = System.nanoTime() + coldFor.toNanos();
        }

        @Override
        public double iteration(BenchmarkContext ctx) throws InterruptedException {
            Thread.sleep(1);
            return System.nanoTime() - warmAt < 0 ? COLD : WARM;
        }
    }
}
