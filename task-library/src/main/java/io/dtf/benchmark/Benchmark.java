package io.dtf.benchmark;

/**
 * A Java benchmark that DTF runs on a worker as a {@code benchmark} task: set up once, warm up until
 * steady (unrecorded), then measured iterations, then tear down (see {@link BenchmarkHarness}). Each
 * iteration calls {@link #iteration} as often as fits in the iteration time (100 ms by default), so
 * one call is one invocation of the work, as in JMH.
 *
 * <p>A benchmark holds state between {@link #setup} and {@link #iteration} (buffers, matrices), so
 * every run gets a fresh instance: implementations need a public no-argument constructor that does
 * no work (allocate in {@link #setup}) and must not share mutable state through static fields.
 *
 * <p>Example: a benchmark of {@code Arrays.sort}, with a parameter {@code n} (default 100000).
 * <pre>{@code
 * public final class SortBenchmark implements Benchmark {
 *     private long[] source;
 *     private long[] work;
 *     private long sink;                     // keeps the JIT from dropping the sort as dead code
 *
 *     public String name() { return "sort"; }
 *     public String description() { return "Arrays.sort over n pseudo-random longs"; }
 *     public String metric() { return "throughput"; }
 *     public String unit() { return "Melem/s"; }
 *
 *     public void setup(BenchmarkContext ctx) {
 *         int n = (int) ctx.longParam("n", 100_000, 1, 100_000_000);
 *         source = new java.util.Random(42).longs(n).toArray();
 *         work = new long[n];
 *     }
 *
 *     public double iteration(BenchmarkContext ctx) {
 *         System.arraycopy(source, 0, work, 0, source.length);
 *         long start = System.nanoTime();
 *         Arrays.sort(work);
 *         double seconds = (System.nanoTime() - start) / 1e9;
 *         sink += work[work.length / 2];
 *         return work.length / seconds / 1e6;
 *     }
 * }
 *
 * // Run it in-process (a worker does the same with the task's params and deadline):
 * List<Metric> metrics = new BenchmarkHarness().run(new SortBenchmark(), Map.of("n", "1000000"));
 * }</pre>
 *
 * <p>To make it available to workers, put the class on the worker's class path and list it in
 * {@code META-INF/services/io.dtf.benchmark.Benchmark} (one class name per line); {@link Benchmarks}
 * finds it with {@link java.util.ServiceLoader}.
 *
 * <p>An iteration that can take long should call {@link BenchmarkContext#checkCancelled()} now and
 * then, so that a timeout or a cancelled task stops it promptly.
 */
public interface Benchmark {

    /** The name a suite uses to ask for this benchmark, e.g. {@code matmul}; unique among benchmarks. */
    String name();

    /** One sentence: what is measured and how. */
    String description();

    /** The name of the primary metric, e.g. {@code throughput}; recorded with one sample per iteration. */
    String metric();

    /** The unit of the primary metric, e.g. {@code GFLOP/s}, {@code GB/s}, {@code MB/s}. */
    String unit();

    /** Whether a larger value is an improvement (true for throughput, false for latency). */
    default boolean higherIsBetter() {
        return true;
    }

    /**
     * Allocates and fills what the iterations need; not timed. A param it cannot use throws
     * {@link BenchmarkParameterException}.
     */
    default void setup(BenchmarkContext ctx) throws Exception {
    }

    /**
     * Runs one invocation of the work and returns its value in {@link #unit()}; must be a finite
     * number. The harness calls it many times per iteration and combines the values (see
     * {@link BenchmarkHarness}), so it should leave the state ready for the next call.
     */
    double iteration(BenchmarkContext ctx) throws Exception;

    /**
     * How this benchmark is measured when a suite does not say otherwise: {@link Measurement#DEFAULTS}
     * unless one call is the whole job (then {@link Measurement#SINGLE_SHOT}, as JMH's single-shot mode).
     * A suite's settings override it field by field; null means the defaults.
     */
    default Measurement measurement() {
        return Measurement.DEFAULTS;
    }

    /** Releases what {@link #setup} took; runs even when an iteration failed. */
    default void teardown(BenchmarkContext ctx) throws Exception {
    }
}
