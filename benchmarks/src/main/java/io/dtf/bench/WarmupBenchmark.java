package io.dtf.bench;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkHarness;
import io.dtf.benchmark.Benchmarks;
import io.dtf.benchmark.Measurement;
import io.dtf.model.Metric;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One built-in benchmark, measured once in this fresh JVM the old way or the new way, so that
 * {@code run-warmup.sh} can compare what each reports for a machine whose JIT starts cold.
 *
 * <pre>
 * java ... io.dtf.bench.WarmupBenchmark sha256 size=64KiB cold     # 2 unrecorded calls, 5 measured calls
 * java ... io.dtf.bench.WarmupBenchmark sha256 size=64KiB warmed   # the defaults: warm-up until steady
 * </pre>
 *
 * Prints one line: the settings, the mean, every sample, and the harness's facts about warm-up.
 */
public final class WarmupBenchmark {
    /** What the harness did before warm-up became time-based: two calls unrecorded, five calls measured. */
    static final Measurement COLD = Measurement.singleShots(2, 5);

    private WarmupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[1].contains("=") || !List.of("cold", "warmed").contains(args[2])) {
            System.err.println("usage: WarmupBenchmark BENCHMARK PARAM=VALUE cold|warmed");
            System.exit(2);
        }
        Benchmark benchmark = Benchmarks.standard().find(args[0]).orElseThrow(
                () -> new IllegalArgumentException("no benchmark " + args[0]));
        String[] param = args[1].split("=", 2);
        BenchmarkHarness harness = args[2].equals("cold") ? new BenchmarkHarness(COLD) : new BenchmarkHarness();
        long start = System.nanoTime();
        List<Metric> metrics = harness.run(benchmark, Map.of(param[0], param[1]));
        double seconds = (System.nanoTime() - start) / 1e9;
        Metric primary = metrics.get(0);
        String facts = metrics.stream().skip(1).filter(m -> m.samples().size() == 1)
                .map(m -> m.name() + "=" + format(m.samples().get(0))).collect(Collectors.joining(" "));
        System.out.printf(Locale.ROOT, "%s %s %s: mean %s %s in %.1f s; samples %s; %s%n", args[0], args[1], args[2],
                format(primary.mean()), primary.unit(), seconds,
                primary.samples().stream().map(WarmupBenchmark::format).collect(Collectors.joining(" ")), facts);
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
