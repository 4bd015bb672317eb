package io.dtf.benchmark;

import io.dtf.checkpoint.CheckpointException;
import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.Metric;
import io.dtf.requirements.Quantity;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@link Benchmark} sees of its run: the task's params with typed getters, a cancellation
 * check for long iterations, checkpoints that let the task's next attempt resume, and extra metrics.
 *
 * <pre>{@code
 * long n = ctx.longParam("n", 256, 1, 4096);             // "512" or "2k"
 * long bytes = ctx.bytesParam("size", "1MiB");           // "64MiB", "1 GB", "4096"
 * String mode = ctx.stringParam("mode", "copy");
 * for (...) { ctx.checkCancelled(); ... }                // stops on timeout or cancellation
 *
 * long done = ctx.restoredLong().orElse(0);              // what the previous attempt got through
 * ctx.checkpoint(done);                                  // every few seconds of work, not per step
 * ctx.report("steps_run", "", stepsRun);                 // one more metric in the result
 * }</pre>
 *
 * <p>A param that cannot be read throws {@link BenchmarkParameterException} naming the param.
 *
 * <p><b>Checkpoints.</b> When a worker dies (or an attempt fails for the machine's sake), DTF runs
 * the task again, often on another worker. A benchmark that saves its progress with
 * {@link #checkpoint(byte[])} finds it in the next attempt's {@link #restored()} and can carry on
 * from there. Every call is a synchronous write to a replicated grid cache (a network round trip,
 * the state stored on two nodes): nothing is throttled or batched, so call it every few seconds of
 * work, not per iteration. The saved state is read at the first call that needs it ({@code restored...}
 * or the first {@code checkpoint}), so a benchmark that uses neither costs its attempt no read.
 * State is at most {@link #MAX_CHECKPOINT_BYTES}; outside a grid (a
 * plain {@link BenchmarkHarness} run) checkpoints go nowhere and {@code checkpoint} returns false.
 * When the grid cannot read the saved state or store a new one, {@link CheckpointException} ends
 * the run: let it through, and DTF retries the attempt as an infrastructure failure, resuming from
 * the last state that was stored.
 */
public final class BenchmarkContext {
    /** The largest state {@link #checkpoint(byte[])} accepts: 1 MiB. */
    public static final int MAX_CHECKPOINT_BYTES = 1 << 20;
    /** The most samples all {@link #report reported} metrics together may hold. */
    public static final int MAX_REPORTED_SAMPLES = 100_000;

    private final Map<String, String> params;
    private final Instant deadline;
    private final long deadlineNanos;
    private final CheckpointStore checkpoints;
    private byte[] restored; // guarded by this, read once: see restoredState()
    private boolean loaded;
    private final Map<String, Reported> reported = new LinkedHashMap<>();
    private int reportedSamples;

    private record Reported(String unit, List<Double> samples) {
    }

    /**
     * A context without checkpoints.
     *
     * @param params   the task params (values as written in the suite)
     * @param deadline when the run must stop, or null for no deadline
     */
    public BenchmarkContext(Map<String, String> params, Instant deadline) {
        this(params, deadline, CheckpointStore.NONE);
    }

    /**
     * A context whose checkpoints go to {@code checkpoints}; the state saved there by an earlier
     * attempt is what {@link #restored()} returns. It is read once, when first needed.
     */
    public BenchmarkContext(Map<String, String> params, Instant deadline, CheckpointStore checkpoints) {
        this.params = params == null ? Map.of() : Map.copyOf(params);
        this.deadline = deadline;
        // A monotonic clock for the check: cheap enough to call per row of a matrix.
        this.deadlineNanos = deadline == null ? 0
                : System.nanoTime() + saturatedNanos(Duration.between(Instant.now(), deadline));
        this.checkpoints = checkpoints == null ? CheckpointStore.NONE : checkpoints;
    }

    /**
     * The state the previous attempt saved, read at the first call: in a grid the read is a network
     * round trip, which most benchmarks (that never checkpoint) need not pay. A save reads it first,
     * so it is always the state from before this attempt.
     *
     * @throws CheckpointException when that state cannot be read
     */
    private synchronized byte[] restoredState() {
        if (!loaded) {
            restored = checkpoints.load().orElse(null);
            loaded = true;
        }
        return restored;
    }

    public Map<String, String> params() {
        return params;
    }

    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * Throws {@link BenchmarkCancelledException} when the thread was interrupted (the task timed out
     * or was cancelled) or the deadline passed. The interrupt flag is left set.
     */
    public void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw BenchmarkCancelledException.interrupted();
        }
        if (deadline != null && System.nanoTime() - deadlineNanos > 0) {
            throw BenchmarkCancelledException.deadlinePassed(deadline);
        }
    }

    /**
     * Saves {@code state} as this task's progress, replacing what was saved before; a later attempt
     * of the task gets it from {@link #restored()}. A cache write on every call (see the class
     * comment): call it every few seconds of work.
     *
     * @return whether it was stored; false outside a grid, where checkpoints go nowhere
     * @throws IllegalArgumentException when {@code state} is over {@link #MAX_CHECKPOINT_BYTES}
     * @throws CheckpointException      when the grid could not store it, or could not read the state of
     *                                  the previous attempt: the attempt ends and is retried
     */
    public boolean checkpoint(byte[] state) {
        if (state.length > MAX_CHECKPOINT_BYTES) {
            throw new IllegalArgumentException("a checkpoint holds at most " + MAX_CHECKPOINT_BYTES
                    + " bytes, got " + state.length + "; save progress markers, not data");
        }
        restoredState(); // the previous attempt's state, before this save replaces it
        return checkpoints.save(state.clone());
    }

    /** Saves a number (an index, a count) as the task's progress; see {@link #checkpoint(byte[])}. */
    public boolean checkpoint(long state) {
        return checkpoint(ByteBuffer.allocate(Long.BYTES).putLong(state).array());
    }

    /** Saves text (UTF-8) as the task's progress; see {@link #checkpoint(byte[])}. */
    public boolean checkpoint(String state) {
        return checkpoint(state.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The state the task's previous attempt saved last, or empty when this is a fresh start.
     *
     * @throws CheckpointException when that state cannot be read: the attempt ends and is retried
     */
    public Optional<byte[]> restored() {
        return Optional.ofNullable(restoredState()).map(byte[]::clone);
    }

    /**
     * The number saved with {@link #checkpoint(long)}.
     *
     * @throws IllegalStateException when the saved state is not such a number
     */
    public OptionalLong restoredLong() {
        byte[] state = restoredState();
        if (state == null) {
            return OptionalLong.empty();
        }
        if (state.length != Long.BYTES) {
            throw new IllegalStateException("the restored checkpoint has " + state.length
                    + " bytes, not the " + Long.BYTES + " of a number saved with checkpoint(long)");
        }
        return OptionalLong.of(ByteBuffer.wrap(state).getLong());
    }

    /** The text saved with {@link #checkpoint(String)}. */
    public Optional<String> restoredString() {
        return Optional.ofNullable(restoredState()).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Adds a sample to an extra metric of this run, reported after the benchmark's own metric and
     * {@code iteration_time}; the first sample of a name fixes its unit. For counts and facts about
     * the run (work done, where it resumed), not for the measurement itself.
     *
     * @throws IllegalArgumentException for a blank name, another unit than before, or a value that
     *                                  is not a finite number
     * @throws IllegalStateException    past {@link #MAX_REPORTED_SAMPLES} samples in all
     */
    public synchronized void report(String name, String unit, double value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a reported metric needs a name");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + ": a value must be a finite number, got " + value);
        }
        if (reportedSamples >= MAX_REPORTED_SAMPLES) {
            throw new IllegalStateException("at most " + MAX_REPORTED_SAMPLES + " reported samples per run");
        }
        String u = unit == null ? "" : unit;
        Reported series = reported.computeIfAbsent(name, k -> new Reported(u, new ArrayList<>()));
        if (!series.unit().equals(u)) {
            throw new IllegalArgumentException("metric " + name + " is in '" + series.unit() + "', not '" + u + "'");
        }
        series.samples().add(value);
        reportedSamples++;
    }

    /** The metrics given to {@link #report}, in the order their names first came. */
    synchronized List<Metric> reported() {
        List<Metric> out = new ArrayList<>(reported.size());
        reported.forEach((name, series) -> out.add(new Metric(name, series.unit(), series.samples())));
        return out;
    }

    /** The param's text, or {@code defaultValue} when the task has no such param. */
    public String stringParam(String name, String defaultValue) {
        return params.getOrDefault(name, defaultValue);
    }

    /** A whole number such as {@code 512} or {@code 2k} (decimal suffixes k, m, g, t). */
    public long longParam(String name, long defaultValue) {
        String text = params.get(name);
        if (text == null) {
            return defaultValue;
        }
        return Quantity.parse(text)
                .flatMap(BenchmarkContext::exactLong)
                .orElseThrow(() -> bad(name, "a whole number such as 256", text));
    }

    /** Like {@link #longParam(String, long)}, and between {@code min} and {@code max} inclusive. */
    public long longParam(String name, long defaultValue, long min, long max) {
        long value = longParam(name, defaultValue);
        if (value < min || value > max) {
            throw new BenchmarkParameterException(name,
                    "param " + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A byte count such as {@code 64MiB}, {@code 1 GB} or {@code 4096}; the default is written the same way. */
    public long bytesParam(String name, String defaultValue) {
        String text = params.getOrDefault(name, defaultValue);
        return Quantity.parse(text)
                .flatMap(BenchmarkContext::exactLong)
                .filter(v -> v >= 0)
                .orElseThrow(() -> bad(name, "a byte size such as 64MiB", text));
    }

    /** Like {@link #bytesParam(String, String)}, and between {@code min} and {@code max} bytes inclusive. */
    public long bytesParam(String name, String defaultValue, long min, long max) {
        long value = bytesParam(name, defaultValue);
        if (value < min || value > max) {
            throw new BenchmarkParameterException(name, "param " + name + " must be between "
                    + Quantity.bytes(min) + " and " + Quantity.bytes(max) + ", got " + Quantity.bytes(value));
        }
        return value;
    }

    private static BenchmarkParameterException bad(String name, String expected, String text) {
        return new BenchmarkParameterException(name, "param " + name + " must be " + expected + ", got '" + text + "'");
    }

    private static Optional<Long> exactLong(BigDecimal value) {
        try {
            return Optional.of(value.longValueExact());
        } catch (ArithmeticException notWholeOrTooBig) {
            return Optional.empty();
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }
}
