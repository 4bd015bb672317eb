package io.dtf.benchmark.builtin;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkContext;
import io.dtf.benchmark.BenchmarkParameterException;
import io.dtf.requirements.Quantity;

/**
 * Memory copy bandwidth: copies one array into another of param {@code size} bytes each (default
 * 64MiB, larger than most caches), scored in GB/s (10^9 bytes) counting bytes read plus bytes written.
 */
public final class MemoryBandwidthBenchmark implements Benchmark {
    static final long MIN_SIZE = 4096;
    static final long MAX_SIZE = 8L << 30;
    // Copies go in chunks so a timeout can stop a copy of gigabytes between two of them.
    private static final int CHUNK_LONGS = 1 << 20;

    private long[] source;
    private long[] target;
    private volatile long sink;

    @Override
    public String name() {
        return "memory-bandwidth";
    }

    @Override
    public String description() {
        return "copies between two arrays of size bytes each, GB/s counting bytes read plus written";
    }

    @Override
    public String metric() {
        return "bandwidth";
    }

    @Override
    public String unit() {
        return "GB/s";
    }

    @Override
    public void setup(BenchmarkContext ctx) {
        long size = ctx.bytesParam("size", "64MiB", MIN_SIZE, MAX_SIZE);
        Runtime rt = Runtime.getRuntime();
        long usable = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        // Asking for more than the heap would end in an OutOfMemoryError that also hurts the worker.
        if (2 * size > usable * 8 / 10) {
            throw new BenchmarkParameterException("size", "param size=" + Quantity.bytes(size) + " needs "
                    + Quantity.bytes(2 * size) + " of heap for two arrays, but this JVM has about "
                    + Quantity.bytes(usable) + " free");
        }
        int longs = (int) (size / Long.BYTES);
        source = new long[longs];
        target = new long[longs];
        for (int i = 0; i < longs; i++) {
            source[i] = i * 0x9E3779B97F4A7C15L;
        }
        // Touch every page of the target too, so no iteration pays for first-touch page faults.
        System.arraycopy(source, 0, target, 0, longs);
    }

    @Override
    public double iteration(BenchmarkContext ctx) {
        int longs = source.length;
        long start = System.nanoTime();
        for (int from = 0; from < longs; from += CHUNK_LONGS) {
            ctx.checkCancelled();
            System.arraycopy(source, from, target, from, Math.min(CHUNK_LONGS, longs - from));
        }
        double seconds = Math.max(System.nanoTime() - start, 1) / 1e9;
        sink = target[(int) Math.floorMod(start, (long) longs)];
        return 2.0 * longs * Long.BYTES / seconds / 1e9;
    }

    @Override
    public void teardown(BenchmarkContext ctx) {
        source = target = null;
    }
}
