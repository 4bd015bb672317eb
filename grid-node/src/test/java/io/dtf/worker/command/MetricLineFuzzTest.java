package io.dtf.worker.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dtf.fuzz.FuzzTally;
import io.dtf.model.Metric;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the metric-line parser with arbitrary command output, fed as a process's stdout is: through
 * {@link OutputPump}, which splits lines, into {@link MetricLineParser}. A bad line is never an error
 * there (it is ignored and counted), so a crash is any of:
 * <ul>
 *   <li>any exception;</li>
 *   <li>a kept metric that breaks the documented form: a name that is not a letter or '_' then up to
 *       127 of letters, digits, {@code _ . - : /}; a value that is not finite; a unit longer than
 *       32 characters or with control characters;</li>
 *   <li>more metrics or samples kept than the limits;</li>
 *   <li>an input that takes longer than the fuzzer's per-input timeout (a hang).</li>
 * </ul>
 * Small limits (8 metrics, 64 samples) let short inputs reach them. Seeds and kept crashes:
 * {@code src/test/resources/io/dtf/worker/command/MetricLineFuzzTestInputs/commandOutput}.
 */
class MetricLineFuzzTest {
    private static final int MAX_METRICS = 8;
    private static final int MAX_SAMPLES = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:/-]{0,127}");
    private static final FuzzTally TALLY = new FuzzTally("metric-line parser");

    @FuzzTest
    void commandOutput(byte[] output) {
        TALLY.run(() -> check(output));
    }

    @AfterAll
    static void report() {
        TALLY.print();
    }

    private static void check(byte[] output) {
        MetricLineParser parser = new MetricLineParser(MAX_METRICS, MAX_SAMPLES);
        new OutputPump(new ByteArrayInputStream(output), new OutputTail(1024), parser).run();
        List<Metric> metrics = parser.metrics();
        assertTrue(metrics.size() <= MAX_METRICS, "more metrics than the limit");
        assertTrue(metrics.stream().mapToInt(m -> m.samples().size()).sum() <= MAX_SAMPLES, "more samples than the limit");
        assertTrue(parser.ignoredLines() >= 0, "a negative count of ignored lines");
        for (Metric metric : metrics) {
            assertTrue(NAME.matcher(metric.name()).matches(), () -> "a kept metric with a bad name: " + metric.name());
            assertTrue(metric.samples().stream().allMatch(Double::isFinite), () -> "a value that is not finite in " + metric);
            assertTrue(metric.unit().length() <= MetricLineParser.MAX_UNIT_CHARS
                    && metric.unit().chars().noneMatch(Character::isISOControl), () -> "a bad unit in " + metric);
        }
    }
}
