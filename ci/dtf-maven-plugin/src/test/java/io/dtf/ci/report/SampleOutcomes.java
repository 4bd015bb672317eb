package io.dtf.ci.report;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A realistic run's outcomes: every status, reruns, parameterised names and hostile strings. */
final class SampleOutcomes {
    static final String HOSTILE = "<script>alert('x')</script> & \"quotes\" ]]> nul:\u0000 bell:\u0007 lone:\uD800 ok:é€😀";
    static final String BIG_OUTPUT_END = "the very last line of a big output";
    static final int BIG_OUTPUT_BYTES = 300_000;

    static final RunFacts FACTS = new RunFacts("com.example:parser", "run-42",
            Instant.parse("2026-12-01T10:00:00Z"), Duration.ofSeconds(75), "10.0.0.1:10800");

    private SampleOutcomes() {
    }

    static TestCase test(String className, String method, String display, TestStatus status, long millis) {
        return new TestCase(className, method, display, "[engine:junit-jupiter]/[class:" + className + "]/[method:"
                + method + "()]", status, millis, null, null, null, "", "");
    }

    static TestCase failed(String className, String method, TestStatus status, String type, String message,
                           String stdout) {
        String trace = type + ": " + message + "\n\tat " + className + "." + method + "(" + className + ".java:42)\n";
        return new TestCase(className, method, method + "()", "uid:" + className + "#" + method, status, 120, type,
                message, trace, stdout, "warning on stderr");
    }

    static TestOutcome on(TestCase last, List<TestCase> earlier, String node, String hw) {
        return new TestOutcome(last, earlier, node, hw);
    }

    static List<TestOutcome> all() {
        String parser = "com.example.ParserTest";
        String network = "com.example.NetworkTest";
        String hostile = "com.example.HostileTest";
        String x86 = "x86_64-16c-64g";
        String arm = "arm64-8c-16g";
        List<TestOutcome> outcomes = new ArrayList<>();
        outcomes.add(on(new TestCase(parser, "parsesEmpty", "parsesEmpty()", "u1", TestStatus.PASSED, 15, null, null,
                null, "parsed 0 rows\n", ""), List.of(), "node-a", x86));
        outcomes.add(on(failed(parser, "parsesCsv", TestStatus.FAILED, "org.opentest4j.AssertionFailedError",
                "expected: <3> but was: <2>", "reading a.csv\n"), List.of(), "node-a", x86));
        outcomes.add(on(failed(parser, "readsFile", TestStatus.ERROR, "java.io.IOException",
                "no such file: data/in.csv", ""), List.of(), "node-b", arm));
        outcomes.add(on(new TestCase(parser, "onWindows", "onWindows()", "u4", TestStatus.SKIPPED, 0, null,
                "Disabled on Linux", null, "", ""), List.of(), "node-a", x86));
        outcomes.add(on(test(parser, "parses", "[1] \"a,b\"", TestStatus.PASSED, 3), List.of(), "node-a", x86));
        outcomes.add(on(test(parser, "parses", "[2] <script>", TestStatus.PASSED, 4), List.of(), "node-a", x86));
        outcomes.add(on(test(parser, "parses", "[2] <script>", TestStatus.PASSED, 4), List.of(), "node-a", x86));

        TestCase flakyFirst = failed(network, "connects", TestStatus.FAILED, "org.opentest4j.AssertionFailedError",
                "timed out after 1s", "first attempt's output\n");
        outcomes.add(on(new TestCase(network, "connects", "connects()", "u5", TestStatus.FLAKY, 300, null, null, null,
                "second attempt's output\n", ""), List.of(flakyFirst), "node-b", arm));
        TestCase rerun1 = failed(network, "retries", TestStatus.FAILED, "org.opentest4j.AssertionFailedError",
                "attempt 1 failed", "out 1\n");
        TestCase rerun2 = failed(network, "retries", TestStatus.ERROR, "java.net.ConnectException",
                "attempt 2 refused", "out 2\n");
        outcomes.add(on(failed(network, "retries", TestStatus.FAILED, "org.opentest4j.AssertionFailedError",
                "attempt 3 failed", "out 3\n"), List.of(rerun1, rerun2), "node-a", x86));
        outcomes.add(on(new TestCase(network, null, "NetworkTest", "u6", TestStatus.ERROR, 1,
                "java.lang.IllegalStateException", "@BeforeAll failed", "java.lang.IllegalStateException: x\n", "", ""),
                List.of(), "node-b", arm));

        outcomes.add(on(new TestCase(hostile, "hostile", HOSTILE, "u7", TestStatus.FAILED, 7,
                "java.lang.AssertionError", HOSTILE, HOSTILE + "\n\tat " + hostile + ".hostile", HOSTILE, HOSTILE),
                List.of(), "node-<b>", "hw|\"class\""));
        outcomes.add(on(new TestCase(hostile, "printsALot", "printsALot()", "u8", TestStatus.PASSED, 900, null, null,
                null, bigOutput(), ""), List.of(), "node-a", x86));
        return outcomes;
    }

    static String bigOutput() {
        StringBuilder out = new StringBuilder(BIG_OUTPUT_BYTES + 64);
        int line = 0;
        while (out.length() < BIG_OUTPUT_BYTES) {
            out.append("line ").append(line++).append(" of a chatty test\n");
        }
        return out.append(BIG_OUTPUT_END).toString();
    }
}
