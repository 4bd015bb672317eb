package io.dtf.fuzz;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the inputs a fuzz target tried and the crashes among them, and prints one report line when
 * the target's class is done, in fuzzing mode (JAZZER_FUZZ set) and in regression mode alike:
 * <pre>
 * fuzz report: suite parser: mode=fuzzing inputs=182340 crashes=0 seconds=25.0
 * </pre>
 * The fuzzer stops at the first crash, so a run reports 0 or 1; the crashing input is saved next to
 * the target's seeds and replayed by every later {@code mvn test}. (Other modules' fuzz tests use
 * this class through task-library's test jar.)
 *
 * <pre>{@code
 * private static final FuzzTally TALLY = new FuzzTally("suite parser");
 *
 * @FuzzTest
 * void suiteText(byte[] input) {
 *     TALLY.run(() -> check(input));
 * }
 *
 * @AfterAll
 * static void report() {
 *     TALLY.print();
 * }
 * }</pre>
 */
public final class FuzzTally {
    private final String target;
    private final AtomicLong inputs = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private final long started = System.nanoTime();

    public FuzzTally(String target) {
        this.target = target;
    }

    /** Runs one input; an exception or assertion error escaping it is a crash, counted and rethrown. */
    public void run(Runnable input) {
        inputs.incrementAndGet();
        try {
            input.run();
        } catch (RuntimeException | Error e) {
            crashes.incrementAndGet();
            throw e;
        }
    }

    /** The report line, on standard output (where the build log and the benchmark script read it). */
    public void print() {
        boolean fuzzing = isSet(System.getenv("JAZZER_FUZZ")) || isSet(System.getProperty("JAZZER_FUZZ"));
        System.out.printf(Locale.ROOT, "fuzz report: %s: mode=%s inputs=%d crashes=%d seconds=%.1f%n", target,
                fuzzing ? "fuzzing" : "regression", inputs.get(), crashes.get(), (System.nanoTime() - started) / 1e9);
    }

    private static boolean isSet(String flag) {
        return flag != null && (flag.equals("1") || flag.equalsIgnoreCase("true") || flag.equalsIgnoreCase("yes"));
    }
}
