package io.dtf.benchmark;

/** A provider that claims a built-in's name; the registry must keep the built-in. */
public class ShadowingMatmulBenchmark extends ServiceLoadedBenchmark {
    @Override
    public String name() {
        return "matmul";
    }
}
