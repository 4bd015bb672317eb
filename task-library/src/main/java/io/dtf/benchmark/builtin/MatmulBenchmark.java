package io.dtf.benchmark.builtin;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkContext;
import java.util.Arrays;

/**
 * Dense double-precision matrix multiply, C = A x B with n x n matrices (param {@code n}, default
 * 256), scored in GFLOP/s counting 2n^3 floating-point operations per iteration.
 *
 * <p>The loop order is i-k-j: the inner loop walks rows of B and C contiguously, so it streams
 * through cache and vectorises, which is what a plain-Java kernel can fairly be asked to do.
 */
public final class MatmulBenchmark implements Benchmark {
    static final int MAX_N = 4096;

    private int n;
    private double[] a;
    private double[] b;
    private double[] c;
    // Written after every iteration so the JIT cannot treat the product as dead.
    private volatile double sink;

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public String description() {
        return "dense double matrix multiply of n x n matrices (i-k-j loop), GFLOP/s counting 2n^3 operations";
    }

    @Override
    public String metric() {
        return "throughput";
    }

    @Override
    public String unit() {
        return "GFLOP/s";
    }

    @Override
    public void setup(BenchmarkContext ctx) {
        n = (int) ctx.longParam("n", 256, 1, MAX_N);
        a = new double[n * n];
        b = new double[n * n];
        c = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = 1.0 + (i % 7) * 0.25;
            b[i] = (i % 5) * 0.5 - 1.0;
        }
    }

    @Override
    public double iteration(BenchmarkContext ctx) {
        long start = System.nanoTime();
        multiply(a, b, c, n, ctx);
        double seconds = Math.max(System.nanoTime() - start, 1) / 1e9;
        sink = c[c.length / 2];
        return 2.0 * n * n * n / seconds / 1e9;
    }

    @Override
    public void teardown(BenchmarkContext ctx) {
        a = b = c = null;
    }

    /** c = a x b for row-major n x n matrices; checks for cancellation once per row of c. */
    static void multiply(double[] a, double[] b, double[] c, int n, BenchmarkContext ctx) {
        Arrays.fill(c, 0.0);
        for (int i = 0; i < n; i++) {
            ctx.checkCancelled();
            int rowI = i * n;
            for (int k = 0; k < n; k++) {
                double aik = a[rowI + k];
                int rowK = k * n;
                for (int j = 0; j < n; j++) {
                    c[rowI + j] += aik * b[rowK + j];
                }
            }
        }
    }
}
