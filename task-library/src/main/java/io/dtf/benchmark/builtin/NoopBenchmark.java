package io.dtf.benchmark.builtin;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkContext;
import io.dtf.benchmark.Measurement;

/**
 * Does nothing and reports 1 op per iteration. It exists to measure DTF itself: a suite of
 * {@code noop} tasks spends all its time in submission, scheduling, dispatch and result storage,
 * so its task durations are the framework's overhead per task.
 */
public final class NoopBenchmark implements Benchmark {
    @Override
    public String name() {
        return "noop";
    }

    @Override
    public String description() {
        return "does nothing; measures DTF's own dispatch overhead per task";
    }

    @Override
    public String metric() {
        return "operations";
    }

    @Override
    public Measurement measurement() {
        // One call per task: a suite of noops measures dispatch, not this method.
        return Measurement.SINGLE_SHOT;
    }

    @Override
    public String unit() {
        return "ops";
    }

    @Override
    public double iteration(BenchmarkContext ctx) {
        return 1;
    }
}
