package io.dtf.ci.run;

import io.dtf.ci.plan.TestBatch;
import io.dtf.model.TaskResult;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A finished task as one line of the Maven log, the way Surefire reports a test class:
 * {@code Tests run: 12, Failures: 1, Errors: 0, Skipped: 2, Time elapsed: 3.4 s - in ParserTest, LexerTest
 * on 5f3c1a2b (linux-x86_64-8c-16g)}.
 */
final class ResultLine {
    private static final int CLASSES_SHOWN = 3;

    private ResultLine() {
    }

    static String of(TestBatch batch, TaskResult result) {
        List<TestCase> tests = result.tests();
        long failures = tests.stream().filter(t -> t.status() == TestStatus.FAILED).count();
        long errors = tests.stream().filter(t -> t.status() == TestStatus.ERROR).count();
        long skipped = tests.stream().filter(t -> t.status() == TestStatus.SKIPPED).count();
        double seconds = result.startedAt() == null || result.endedAt() == null ? 0
                : Duration.between(result.startedAt(), result.endedAt()).toMillis() / 1000.0;
        String line = String.format(Locale.ROOT, "Tests run: %d, Failures: %d, Errors: %d, Skipped: %d, Time elapsed: "
                + "%.1f s - in %s on %s (%s)", tests.size(), failures, errors, skipped, seconds, classes(batch),
                shortId(result.nodeId()), result.hwClass());
        if (!result.status().isSuccess() && failures + errors == 0) {
            line += " - task " + result.status() + (result.error() == null ? "" : ": " + firstLine(result.error()));
        }
        return line;
    }

    /** One line per failed test, as Surefire lists them under the class. */
    static String failure(TestCase test) {
        return "  " + test.status() + " " + test.className() + (test.method() == null ? "" : "." + test.method())
                + (test.failureType() == null ? "" : " " + test.failureType())
                + (test.message() == null ? "" : ": " + firstLine(test.message()));
    }

    static String classes(TestBatch batch) {
        List<String> names = TestLedger.classesOf(batch).stream().map(ResultLine::simpleName).toList();
        if (names.isEmpty()) {
            return String.join(", ", batch.selectors());
        }
        if (names.size() <= CLASSES_SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, CLASSES_SHOWN)) + " and " + (names.size() - CLASSES_SHOWN) + " more";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String shortId(String nodeId) {
        return nodeId == null ? "?" : nodeId.length() > 8 ? nodeId.substring(0, 8) : nodeId;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " ...";
    }
}
