package io.dtf.worker.jvm;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.JunitAction;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import io.dtf.worker.FailureClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a {@code junit} attempt ended, from its JVM's outcome (as {@link io.dtf.worker.command.CommandRunner}
 * saw it) and its test records, in this order:
 * <ol>
 *   <li>the runner refused the request (no launcher, a bad tag expression): ERROR, BAD_DEFINITION;
 *   <li>the timeout passed: TIMED_OUT, and the tests that were running are ERROR records saying so;
 *   <li>the JVM stopped before every test ran: ERROR, and the tests that were running are ERROR records
 *       naming why: {@code System.exit} (BAD_DEFINITION), out of memory (RESOURCE_EXHAUSTED), a crash
 *       or another exit code (as a command's exit is classified); a JVM that never ran a test (bad
 *       {@code jvmArgs}) is BAD_DEFINITION;
 *   <li>a selector named a class or method not on the class path: ERROR, BAD_DEFINITION, naming it;
 *   <li>a test FAILED or ERROR: FAILED (TEST_FAILURE), naming the first few;
 *   <li>no test ran and no tag filter could explain it: ERROR, BAD_DEFINITION (is an engine on the class path?);
 *   <li>else PASSED.
 * </ol>
 * The records of the tests that ended are kept in every case. Metrics: {@code tests}, {@code tests.failed},
 * {@code tests.errors}, {@code tests.skipped}, {@code tests.duration} (ms), plus any the JVM printed.
 */
final class JunitVerdict {
    private static final int NAMED = 3;
    /** Errors of a class path that lacks a class or mixes library versions: the task's, not the machine's. */
    private static final Pattern LINKAGE = Pattern.compile("java\\.lang\\.(NoClassDefFoundError|ClassNotFoundException"
            + "|NoSuchMethodError|NoSuchFieldError|AbstractMethodError|IncompatibleClassChangeError"
            + "|UnsupportedClassVersionError|LinkageError)");
    private static final int SIGINT_EXIT = 130;
    private static final int SIGTERM_EXIT = 143;

    private JunitVerdict() {
    }

    static AttemptOutcome of(AttemptOutcome command, TestRecords records, JunitAction action, Duration timeout) {
        for (TestRecords.Missing m : records.missing) { // a record each, however the JVM ended
            records.add(new TestCase(m.className() == null ? m.selector() : m.className(), m.method(), m.selector(),
                    null, TestStatus.ERROR, 0, m.type(), m.message(), null, "", ""));
        }
        TaskState status;
        FailureCategory category;
        String error;
        if (records.fatal != null) {
            status = TaskState.ERROR;
            category = FailureCategory.BAD_DEFINITION;
            error = "the test JVM cannot run the tests: " + records.fatal;
        } else if (command.status() == TaskState.TIMED_OUT || command.status() == TaskState.CANCELLED) {
            String reason = command.status() == TaskState.TIMED_OUT ? "the task's timeout of "
                    + timeout.toMillis() + " ms passed while this test ran; the test JVM was killed"
                    : "the attempt was cancelled while this test ran";
            String running = stopRunning(records, "TimeoutException", reason);
            status = command.status();
            category = command.category();
            error = command.error() + (running.isEmpty() ? "" : "; running: " + running);
        } else if (!records.ended) {
            Died died = died(command, records);
            String running = stopRunning(records, died.type, died.reason);
            status = TaskState.ERROR;
            category = died.category;
            error = died.reason + (running.isEmpty() ? "" : " while running " + running
                    + "; the tests after it did not run");
        } else if (!records.missing.isEmpty()) {
            status = TaskState.ERROR;
            category = FailureCategory.BAD_DEFINITION;
            error = records.missing.stream().limit(NAMED).map(m -> "selector " + m.selector() + ": " + m.message())
                    .collect(Collectors.joining("; ")) + more(records.missing.size())
                    + " (the other selectors ran)";
        } else if (count(records, TestStatus.FAILED) + count(records, TestStatus.ERROR) > 0) {
            List<TestCase> failed = records.tests.stream()
                    .filter(t -> t.status() == TestStatus.FAILED || t.status() == TestStatus.ERROR).toList();
            status = TaskState.FAILED;
            category = FailureCategory.TEST_FAILURE;
            error = failed.size() + " of " + records.tests.size() + " tests failed: " + failed.stream().limit(NAMED)
                    .map(JunitVerdict::describe).collect(Collectors.joining("; ")) + more(failed.size());
        } else if (records.tests.isEmpty() && action.includeTags().isEmpty() && action.excludeTags().isEmpty()) {
            status = TaskState.ERROR;
            category = FailureCategory.BAD_DEFINITION;
            error = "no tests ran for the selectors " + action.selectors() + "; is a test engine (junit-jupiter-engine,"
                    + " junit-vintage-engine) on the class path, and do the selectors name tests?";
        } else {
            status = TaskState.PASSED;
            category = null;
            error = null;
        }
        List<Metric> metrics = new ArrayList<>(command.metrics());
        metrics.addAll(totals(records));
        String note = records.leftOut();
        String stderr = note.isEmpty() ? command.stderrTail() : command.stderrTail()
                + (command.stderrTail().isEmpty() || command.stderrTail().endsWith("\n") ? "" : "\n")
                + "[dtf worker] " + note + "\n";
        return new AttemptOutcome(status, command.startedAt(), command.endedAt(), command.exitCode(), metrics,
                command.stdoutTail(), stderr, error, category, records.tests);
    }

    private record Died(FailureCategory category, String type, String reason) {
    }

    /** Why the JVM stopped before the end of the run. */
    private static Died died(AttemptOutcome command, TestRecords records) {
        Integer exit = command.exitCode();
        String stderr = command.stderrTail();
        if (records.abortedType != null) {
            boolean memory = records.abortedType.equals(OutOfMemoryError.class.getName());
            boolean linkage = LINKAGE.matcher(records.abortedType).matches();
            return new Died(memory ? FailureCategory.RESOURCE_EXHAUSTED : linkage ? FailureCategory.BAD_DEFINITION
                    : FailureCategory.PROCESS_CRASH, records.abortedType, "the test JVM stopped: "
                    + records.abortedType + (records.abortedMessage == null ? "" : ": " + records.abortedMessage)
                    + (linkage ? " (the class path lacks a class, or mixes versions of a library)" : ""));
        }
        Optional<String> memory = FailureClassifier.resourceExhaustedLine(stderr);
        if (memory.isPresent()) {
            return new Died(FailureCategory.RESOURCE_EXHAUSTED, "java.lang.OutOfMemoryError",
                    "the test JVM ran out of memory (exit code " + exit + "): " + memory.get());
        }
        if (records.exited && exit != null && exit != SIGINT_EXIT && exit != SIGTERM_EXIT) {
            return new Died(FailureCategory.BAD_DEFINITION, "System.exit",
                    "System.exit(" + exit + ") was called: the test JVM exited");
        }
        if (records.tests.isEmpty() && records.running().isEmpty() && exit != null && exit != 0) {
            return new Died(FailureCategory.BAD_DEFINITION, "JVM start-up",
                    "the test JVM did not start the tests (exit code " + exit + "): " + firstLine(stderr)
                    + "; check jvmArgs and the class path");
        }
        Optional<FailureClassifier.Failure> failure = exit == null ? Optional.empty()
                : FailureClassifier.ofExit(exit, stderr, false);
        FailureCategory category = failure.map(FailureClassifier.Failure::category)
                .filter(c -> c != FailureCategory.TEST_FAILURE).orElse(FailureCategory.PROCESS_CRASH);
        String how = failure.map(FailureClassifier.Failure::reason).orElse("exit code " + exit);
        return new Died(category, "JVM exit", "the test JVM died (" + how + ")");
    }

    /** Adds an ERROR record for each test still running; answers their names. */
    private static String stopRunning(TestRecords records, String type, String reason) {
        List<TestRecords.Running> running = records.running();
        for (TestRecords.Running r : running) {
            records.add(new TestCase(r.className(), r.test() ? r.method() : null, r.displayName(), r.id(),
                    TestStatus.ERROR, 0, type, reason, null, "", ""));
        }
        return running.stream().limit(NAMED).map(TestRecords.Running::label).collect(Collectors.joining(", "))
                + more(running.size());
    }

    private static String describe(TestCase t) {
        String name = t.method() == null ? t.className() : t.className() + "#" + t.method();
        String type = t.failureType() == null ? "" : t.failureType().substring(t.failureType().lastIndexOf('.') + 1);
        String message = t.message() == null ? "" : ": " + firstLine(t.message());
        return name + " (" + type + message + ")";
    }

    private static List<Metric> totals(TestRecords records) {
        long duration = records.tests.stream().mapToLong(TestCase::durationMillis).sum();
        return List.of(
                new Metric("tests", "", List.of((double) records.tests.size())),
                new Metric("tests.failed", "", List.of((double) count(records, TestStatus.FAILED))),
                new Metric("tests.errors", "", List.of((double) count(records, TestStatus.ERROR))),
                new Metric("tests.skipped", "", List.of((double) count(records, TestStatus.SKIPPED))),
                new Metric("tests.duration", "ms", List.of((double) duration)));
    }

    private static long count(TestRecords records, TestStatus status) {
        return records.tests.stream().filter(t -> t.status() == status).count();
    }

    private static String more(int total) {
        return total > NAMED ? " and " + (total - NAMED) + " more" : "";
    }

    private static String firstLine(String text) {
        String line = text.isBlank() ? "(nothing on stderr)" : text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

}
