package io.dtf.model;

/** Runs a Java {@code Benchmark} by name: {@code warmup} unrecorded, then {@code iterations} measured. */
public record BenchmarkAction(String benchmark, int warmup, int iterations) implements TaskAction {
    @Override
    public String typeName() {
        return "benchmark";
    }
}
