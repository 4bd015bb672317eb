package io.dtf.junit.runner;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes a {@code started} record when a test or container begins and a {@code finished} one when it
 * ends (see {@link RecordWriter}). A failed assertion ({@link AssertionError}, which opentest4j's
 * failures extend) is FAILED, any other exception ERROR, a failed assumption or a disabled test SKIPPED.
 */
final class RecordingListener implements TestExecutionListener {
    private final RecordWriter records;
    private final OutputCapture capture;
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final Map<String, OutputCapture.Tails> tails = new ConcurrentHashMap<>();
    private volatile TestPlan plan;

    RecordingListener(RecordWriter records, OutputCapture capture) {
        this.records = records;
        this.capture = capture;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        startedNanos.put(id.getUniqueId(), System.nanoTime());
        if (id.isTest()) {
            tails.put(id.getUniqueId(), capture.begin());
        }
        records.write(named(new JsonLine().put("event", "started").put("test", id.isTest()), id));
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        records.write(named(new JsonLine().put("event", "finished").put("test", id.isTest()), id)
                .put("status", "SKIPPED").put("millis", 0).put("message", Bounded.text(reason, Bounded.MESSAGE_CHARS)));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long started = startedNanos.remove(id.getUniqueId());
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        OutputCapture.Tails output = tails.remove(id.getUniqueId());
        if (output != null) {
            capture.end();
        }
        Throwable failure = result.getThrowable().orElse(null);
        String status;
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            status = "PASSED";
        } else if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            status = "SKIPPED";
        } else {
            status = failure instanceof AssertionError ? "FAILED" : "ERROR";
        }
        JsonLine record = named(new JsonLine().put("event", "finished").put("test", id.isTest()), id)
                .put("status", status).put("millis", millis);
        if (failure != null) {
            record.put("type", failure.getClass().getName())
                    .put("message", Bounded.text(failure.getMessage(), Bounded.MESSAGE_CHARS));
            if (!status.equals("SKIPPED")) {
                record.put("stack", Bounded.stackTrace(failure));
            }
        }
        if (output != null) {
            record.put("stdout", output.out.text()).put("stderr", output.err.text());
        }
        records.write(record);
    }

    /** Adds the id, class, method and display name of {@code id}. */
    private JsonLine named(JsonLine record, TestIdentifier id) {
        record.put("id", id.getUniqueId()).put("name", id.getDisplayName());
        Optional<TestIdentifier> at = Optional.of(id);
        // A dynamic test may have no source of its own: its class and method are its factory's.
        while (at.isPresent()) {
            TestSource source = at.get().getSource().orElse(null);
            if (source instanceof MethodSource method) {
                return record.put("class", method.getClassName()).put("method", method.getMethodName());
            }
            if (source instanceof ClassSource type) {
                return record.put("class", type.getClassName())
                        .put("method", at.get() == id ? null : id.getDisplayName());
            }
            at = plan == null ? Optional.empty() : plan.getParent(at.get());
        }
        return record; // an engine, or a source that is not a class: the worker names it by its display name
    }
}
