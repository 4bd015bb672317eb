package io.dtf.ci.run;

import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.report.TestOutcome;
import io.dtf.model.TaskResult;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every attempt of every test of one {@code dtf:test} run, over the first round and the reruns of
 * failed tests: which tests to rerun next, and each test's outcome (FLAKY when it failed and then
 * passed, as in Surefire). A task that ended without reporting a class's tests (its JVM crashed, it
 * timed out) counts as an error of each such class, so a crash never passes for success.
 */
public final class TestLedger {
    private final Map<String, List<Attempt>> attempts = new LinkedHashMap<>();
    /** What the batch a test first ran in required: its reruns need the same hardware. */
    private final Map<String, List<String>> requirements = new LinkedHashMap<>();

    private record Attempt(TestCase test, String nodeId, String hwClass) {
    }

    /** Records the final result of the first round's task that ran {@code batch}. */
    public void record(TestBatch batch, TaskResult result) {
        Set<String> reported = new LinkedHashSet<>();
        boolean anyFailed = false;
        for (TestCase test : result.tests()) {
            add(key(test), test, result, batch.requirements());
            reported.add(test.className());
            anyFailed |= failed(test.status());
        }
        if (result.status().isSuccess()) {
            return;
        }
        List<String> silent = classesOf(batch).stream().filter(c -> !reported.contains(c)).toList();
        for (String className : silent) {
            TestCase error = taskError(className, result);
            add(key(error), error, result, batch.requirements());
        }
        if (silent.isEmpty() && !anyFailed) { // every test passed, yet the task did not (say, it hung at exit)
            List<String> classes = classesOf(batch);
            TestCase error = taskError(classes.isEmpty() ? "task " + result.taskId() : classes.get(0), result);
            add(key(error), error, result, batch.requirements());
        }
    }

    /**
     * Records the final result of a rerun task that ran {@code batch}, made by {@link #reruns()}: each
     * rerun test gets the attempt the result reports; a test of a class rerun whole (its failure was the
     * class's own, say in {@code @BeforeAll}) passes when the class's tests then pass.
     */
    public void recordRerun(TestBatch batch, TaskResult result) {
        Set<String> rerun = keysOf(batch);
        Map<String, Boolean> classFailed = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (TestCase test : result.tests()) {
            classFailed.merge(test.className(), failed(test.status()), Boolean::logicalOr);
            String key = key(test);
            if (rerun.contains(key)) {
                add(key, test, result, null);
                seen.add(key);
            }
        }
        for (String key : rerun) {
            if (seen.contains(key)) {
                continue;
            }
            TestCase before = last(key).test();
            Boolean failedAgain = classFailed.get(before.className());
            TestCase now = Boolean.FALSE.equals(failedAgain) ? passed(before, result)
                    : rerunError(before, result, failedAgain == null ? "reported nothing of its class" : "failed again");
            add(key, now, result, null);
        }
    }

    /** Batches that rerun each test whose last attempt failed, one per class and hardware need. */
    public List<TestBatch> reruns() {
        Map<RerunGroup, List<String>> selectors = new LinkedHashMap<>();
        for (var entry : attempts.entrySet()) {
            TestCase test = last(entry.getKey()).test();
            if (failed(test.status())) {
                selectors.computeIfAbsent(new RerunGroup(test.className(), requirements.get(entry.getKey())),
                        k -> new ArrayList<>()).add(selector(test));
            }
        }
        List<TestBatch> batches = new ArrayList<>();
        selectors.forEach((group, s) -> batches.add(new TestBatch(s.stream().distinct().toList(), group.requirements(),
                Duration.ZERO)));
        return batches;
    }

    /** The failed tests of one class that needed the same hardware rerun as one task. */
    private record RerunGroup(String className, List<String> requirements) {
    }

    /** Each test's verdict over its attempts, in the order the tests were first reported. */
    public List<TestOutcome> outcomes() {
        List<TestOutcome> outcomes = new ArrayList<>();
        for (List<Attempt> list : attempts.values()) {
            Attempt last = list.get(list.size() - 1);
            List<TestCase> earlier = list.subList(0, list.size() - 1).stream().map(Attempt::test).toList();
            TestCase verdict = last.test();
            if (verdict.status() == TestStatus.PASSED && earlier.stream().anyMatch(t -> failed(t.status()))) {
                verdict = withStatus(verdict, TestStatus.FLAKY);
            }
            outcomes.add(new TestOutcome(verdict, earlier, last.nodeId(), last.hwClass()));
        }
        return outcomes;
    }

    /** The JUnit selector that runs exactly this test again. */
    static String selector(TestCase test) {
        if (test.uniqueId() != null && !test.uniqueId().isBlank()) {
            return "uid:" + test.uniqueId();
        }
        return test.method() != null ? "method:" + test.className() + "#" + test.method() : "class:" + test.className();
    }

    static boolean failed(TestStatus status) {
        return status == TestStatus.FAILED || status == TestStatus.ERROR;
    }

    private void add(String key, TestCase test, TaskResult result, List<String> needs) {
        attempts.computeIfAbsent(key, k -> new ArrayList<>()).add(new Attempt(test, result.nodeId(), result.hwClass()));
        if (needs != null) {
            requirements.putIfAbsent(key, List.copyOf(needs));
        }
    }

    private Attempt last(String key) {
        List<Attempt> list = attempts.get(key);
        return list.get(list.size() - 1);
    }

    private Set<String> keysOf(TestBatch batch) {
        Set<String> selectors = new LinkedHashSet<>(batch.selectors());
        Set<String> keys = new LinkedHashSet<>();
        attempts.forEach((key, list) -> {
            TestCase test = list.get(list.size() - 1).test();
            if (failed(test.status()) && selectors.contains(selector(test))) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static String key(TestCase test) {
        String id = test.uniqueId() != null && !test.uniqueId().isBlank() ? test.uniqueId() : String.valueOf(test.method());
        return test.className() + "#" + id;
    }

    /** The class names a batch's selectors name. */
    static List<String> classesOf(TestBatch batch) {
        Set<String> names = new LinkedHashSet<>();
        for (String selector : batch.selectors()) {
            String value = selector.substring(selector.indexOf(':') + 1);
            if (selector.startsWith("class:")) {
                names.add(value);
            } else if (selector.startsWith("method:")) {
                names.add(value.contains("#") ? value.substring(0, value.indexOf('#')) : value);
            } else if (selector.startsWith("uid:")) {
                int at = value.indexOf("[class:");
                if (at >= 0) {
                    names.add(value.substring(at + "[class:".length(), value.indexOf(']', at)));
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static TestCase taskError(String className, TaskResult result) {
        return new TestCase(className, null, className, null, TestStatus.ERROR, millis(result), result.status().name(),
                describe(result), null, result.stdoutTail(), result.stderrTail());
    }

    private static TestCase rerunError(TestCase before, TaskResult result, String what) {
        String message = "the rerun (task " + result.taskId() + ", " + result.status() + " on node " + result.nodeId()
                + ") " + what + (before.message() == null ? "" : "; first failure: " + before.message());
        return new TestCase(before.className(), before.method(), before.displayName(), before.uniqueId(),
                before.status(), millis(result), before.failureType(), message, before.stackTrace(),
                result.stdoutTail(), result.stderrTail());
    }

    private static TestCase passed(TestCase before, TaskResult result) {
        return new TestCase(before.className(), before.method(), before.displayName(), before.uniqueId(),
                TestStatus.PASSED, millis(result), null, null, null, "", "");
    }

    private static TestCase withStatus(TestCase t, TestStatus status) {
        return new TestCase(t.className(), t.method(), t.displayName(), t.uniqueId(), status, t.durationMillis(),
                t.failureType(), t.message(), t.stackTrace(), t.stdoutTail(), t.stderrTail());
    }

    private static String describe(TaskResult result) {
        return "task " + result.taskId() + " ended " + result.status() + " on node " + result.nodeId()
                + (result.error() == null || result.error().isBlank() ? "" : ": " + result.error());
    }

    private static long millis(TaskResult result) {
        return result.startedAt() == null || result.endedAt() == null ? 0
                : Duration.between(result.startedAt(), result.endedAt()).toMillis();
    }
}
