package io.dtf.benchmark.builtin;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkContext;
import io.dtf.benchmark.Measurement;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A resumable job of a known size, for checking that DTF's checkpoints work: it hashes a 4 KiB
 * block (SHA-256, each hash fed into the next) param {@code iterations} times (default 100000),
 * saves how far it got every param {@code checkpointEvery} iterations (default a tenth of them),
 * and an attempt that finds a checkpoint carries on from there instead of starting over.
 *
 * <p>Besides its throughput it reports {@code iterations_run} (the iterations this attempt
 * executed) and {@code resumed_from} (where it started; 0 for a fresh start). Kill a worker half-way
 * and the next attempt's {@code resumed_from + iterations_run} is the whole count, with only the
 * work since the last checkpoint done twice.
 *
 * <p>It is measured {@link Measurement#SINGLE_SHOT single-shot} (one call, no warm-up) unless a
 * suite says otherwise: each call is a whole pass over the count, and only an attempt's first
 * call resumes.
 */
public final class CountedWorkBenchmark implements Benchmark {
    static final long MAX_ITERATIONS = 1_000_000_000_000L;
    private static final int BLOCK_BYTES = 4096;

    private long total;
    private long every;
    private long next;
    private long resumedFrom;
    private long run;
    private boolean resuming;
    private MessageDigest digest;
    private byte[] block;
    private volatile int sink;

    @Override
    public String name() {
        return "counted-work";
    }

    @Override
    public String description() {
        return "hashes a 4 KiB block iterations times, checkpointing its progress and resuming from it; "
                + "reports iterations_run and resumed_from";
    }

    @Override
    public String metric() {
        return "throughput";
    }

    @Override
    public Measurement measurement() {
        // A call is a whole resumable pass over the count: run once, no warm-up.
        return Measurement.SINGLE_SHOT;
    }

    @Override
    public String unit() {
        return "iter/s";
    }

    @Override
    public void setup(BenchmarkContext ctx) throws NoSuchAlgorithmException {
        total = ctx.longParam("iterations", 100_000, 1, MAX_ITERATIONS);
        every = ctx.longParam("checkpointEvery", Math.max(1, total / 10), 1, MAX_ITERATIONS);
        resumedFrom = ctx.restoredLong().orElse(0);
        if (resumedFrom < 0 || resumedFrom > total) {
            throw new IllegalStateException("the checkpoint says " + resumedFrom + " iterations were done, but this "
                    + "task has iterations=" + total);
        }
        next = resumedFrom;
        resuming = true;
        digest = MessageDigest.getInstance("SHA-256");
        block = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            block[i] = (byte) (i * 31 + 7);
        }
    }

    @Override
    public double iteration(BenchmarkContext ctx) {
        if (!resuming) {
            next = 0; // a further pass starts over; only an attempt's first pass resumes
        }
        resuming = false;
        long from = next;
        long start = System.nanoTime();
        while (next < total) {
            ctx.checkCancelled();
            byte[] hash = digest.digest(block);
            // Chained: every hash depends on the one before, so no iteration can be skipped or hoisted.
            System.arraycopy(hash, 0, block, 0, hash.length);
            next++;
            run++;
            if (next % every == 0 || next == total) {
                ctx.checkpoint(next);
            }
        }
        double seconds = Math.max(System.nanoTime() - start, 1) / 1e9;
        sink = block[0];
        return (next - from) / seconds;
    }

    @Override
    public void teardown(BenchmarkContext ctx) {
        ctx.report("iterations_run", "", run);
        ctx.report("resumed_from", "", resumedFrom);
        block = null;
    }
}
