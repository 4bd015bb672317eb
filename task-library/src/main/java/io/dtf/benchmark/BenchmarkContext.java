package io.dtf.benchmark;

import io.dtf.requirements.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Benchmark} sees of its run: the task's params with typed getters, and a
 * cancellation check for long iterations.
 *
 * <pre>{@code
 * long n = ctx.longParam("n", 256, 1, 4096);             // "512" or "2k"
 * long bytes = ctx.bytesParam("size", "1MiB");           // "64MiB", "1 GB", "4096"
 * String mode = ctx.stringParam("mode", "copy");
 * for (...) { ctx.checkCancelled(); ... }                // stops on timeout or cancellation
 * }</pre>
 *
 * <p>A param that cannot be read throws {@link BenchmarkParameterException} naming the param.
 */
public final class BenchmarkContext {
    private final Map<String, String> params;
    private final Instant deadline;
    private final long deadlineNanos;

    /**
     * @param params   the task params (values as written in the suite)
     * @param deadline when the run must stop, or null for no deadline
     */
    public BenchmarkContext(Map<String, String> params, Instant deadline) {
        this.params = params == null ? Map.of() : Map.copyOf(params);
        this.deadline = deadline;
        // A monotonic clock for the check: cheap enough to call per row of a matrix.
        this.deadlineNanos = deadline == null ? 0
                : System.nanoTime() + saturatedNanos(Duration.between(Instant.now(), deadline));
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
