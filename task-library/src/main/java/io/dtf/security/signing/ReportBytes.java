package io.dtf.security.signing;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.Metric;
import io.dtf.model.ResultSignature;
import io.dtf.model.TaskResult;
import io.dtf.model.TestCase;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/**
 * The canonical bytes of a worker's report, which its signature covers: the attempt (task key,
 * attempt id), who ran it (node id, hardware class) and how it ended (status, times, exit code,
 * metrics with every sample, SHA-256 digests of the output tails, error and category) and, when it
 * has any, its test cases.
 *
 * <p>Canonical means independent of JSON: each field in a fixed order, strings as UTF-8 with their
 * length (absent ones as length -1), numbers big-endian, samples as their IEEE bits. The worker
 * encodes the outcome it made; the coordinator and the aggregator encode what reached them, and the
 * two agree only when nothing was changed on the way. A new field means a new {@link #VERSION}, or
 * an addition written only when it has content, as the test cases are: an outcome without them
 * encodes as before they existed, so every signature made then still verifies, and one with them
 * encodes longer, so neither can pass for the other.
 *
 * <pre>{@code
 * byte[] signed = ReportBytes.of(taskKey, attemptId, nodeId, hwClass, outcome);
 * }</pre>
 */
public final class ReportBytes {
    /** Written first, so bytes of one layout never verify as another. */
    public static final String VERSION = "dtf-report/1";
    /** Opens the test cases, where an outcome has any. */
    private static final String TESTS = "tests";

    private ReportBytes() {
    }

    /** The bytes a worker signs for its report of attempt {@code attemptId} of task {@code taskKey}. */
    public static byte[] of(String taskKey, String attemptId, String nodeId, String hwClass, AttemptOutcome outcome) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            text(out, VERSION);
            text(out, taskKey);
            text(out, attemptId);
            text(out, nodeId);
            text(out, hwClass);
            text(out, outcome.status() == null ? null : outcome.status().name());
            instant(out, outcome.startedAt());
            instant(out, outcome.endedAt());
            out.writeBoolean(outcome.exitCode() != null);
            out.writeInt(outcome.exitCode() == null ? 0 : outcome.exitCode());
            out.writeInt(outcome.metrics().size());
            for (Metric m : outcome.metrics()) {
                text(out, m.name());
                text(out, m.unit());
                out.writeInt(m.samples().size());
                for (Double sample : m.samples()) {
                    out.writeLong(Double.doubleToLongBits(sample));
                }
            }
            digest(out, outcome.stdoutTail());
            digest(out, outcome.stderrTail());
            text(out, outcome.error());
            text(out, outcome.category() == null ? null : outcome.category().name());
            if (!outcome.tests().isEmpty()) {
                tests(out, outcome.tests());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    /**
     * The bytes of the report a stored result was made from, or null when the result carries no
     * signature (the coordinator made it, or it predates signing). The task key is the
     * coordinator's {@code runId/taskId}.
     */
    public static byte[] of(TaskResult result) {
        ResultSignature s = result.signature();
        if (s == null) {
            return null;
        }
        AttemptOutcome outcome = new AttemptOutcome(s.attemptStatus(), result.startedAt(), result.endedAt(),
                result.exitCode(), result.metrics(), result.stdoutTail(), result.stderrTail(), result.error(),
                result.category(), result.tests());
        return of(result.runId() + "/" + result.taskId(), s.attemptId(), result.nodeId(), result.hwClass(), outcome);
    }

    /** After a marker, the count, then each test case's fields in the record's order; its tails by digest. */
    private static void tests(DataOutputStream out, List<TestCase> tests) throws IOException {
        text(out, TESTS);
        out.writeInt(tests.size());
        for (TestCase t : tests) {
            text(out, t.className());
            text(out, t.method());
            text(out, t.displayName());
            text(out, t.uniqueId());
            text(out, t.status().name());
            out.writeLong(t.durationMillis());
            text(out, t.failureType());
            text(out, t.message());
            text(out, t.stackTrace());
            digest(out, t.stdoutTail());
            digest(out, t.stderrTail());
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void instant(DataOutputStream out, Instant value) throws IOException {
        out.writeBoolean(value != null);
        out.writeLong(value == null ? 0 : value.getEpochSecond());
        out.writeInt(value == null ? 0 : value.getNano());
    }

    /** Output tails are up to tens of KiB: their digest stands in for them. */
    private static void digest(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            out.writeInt(hash.length);
            out.write(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
