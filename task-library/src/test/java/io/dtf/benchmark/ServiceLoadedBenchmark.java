package io.dtf.benchmark;

/** A benchmark that only the test services file registers. */
public class ServiceLoadedBenchmark implements Benchmark {
    @Override
    public String name() {
        return "service-loaded";
    }

    @Override
    public String description() {
        return "found through META-INF/services";
    }

    @Override
    public String metric() {
        return "value";
    }

    @Override
    public String unit() {
        return "";
    }

    @Override
    public double iteration(BenchmarkContext ctx) {
        return 1;
    }
}
