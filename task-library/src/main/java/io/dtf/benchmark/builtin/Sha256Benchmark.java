package io.dtf.benchmark.builtin;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 hashing speed of the JDK's {@code MessageDigest} (which uses the CPU's SHA extensions
 * where the JVM has an intrinsic for them): each iteration hashes a buffer of param {@code size}
 * bytes (default 1MiB) param {@code rounds} times (default 16), scored in MB/s (10^6 bytes).
 */
public final class Sha256Benchmark implements Benchmark {
    static final long MAX_SIZE = 256L << 20;

    private byte[] buffer;
    private int rounds;
    private MessageDigest digest;
    private volatile int sink;

    @Override
    public String name() {
        return "sha256";
    }

    @Override
    public String description() {
        return "SHA-256 (MessageDigest) over a buffer of size bytes, rounds times per iteration, MB/s";
    }

    @Override
    public String metric() {
        return "throughput";
    }

    @Override
    public String unit() {
        return "MB/s";
    }

    @Override
    public void setup(BenchmarkContext ctx) throws NoSuchAlgorithmException {
        int size = (int) ctx.bytesParam("size", "1MiB", 1, MAX_SIZE);
        rounds = (int) ctx.longParam("rounds", 16, 1, 1_000_000);
        digest = MessageDigest.getInstance("SHA-256");
        buffer = new byte[size];
        // Deterministic bytes (xorshift), so every machine hashes the same input.
        long x = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buffer[i] = (byte) x;
        }
    }

    @Override
    public double iteration(BenchmarkContext ctx) {
        int folded = 0;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            ctx.checkCancelled();
            digest.update(buffer);
            folded ^= digest.digest()[r & 31];
        }
        double seconds = Math.max(System.nanoTime() - start, 1) / 1e9;
        sink = folded;
        return (double) buffer.length * rounds / seconds / 1e6;
    }

    @Override
    public void teardown(BenchmarkContext ctx) {
        buffer = null;
    }
}
