package io.dtf.ci.report;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One test class as a Surefire {@code TEST-<class>.xml}, valid against Surefire's
 * {@code surefire-test-report.xsd} (version 3.0.2, the one with {@code flakes}).
 *
 * <p>Per test: the time and output of its last attempt. A FAILED or ERROR test has its last
 * attempt as {@code failure} or {@code error} and each earlier failed attempt as
 * {@code rerunFailure} or {@code rerunError}; a FLAKY test has each failed attempt as
 * {@code flakyFailure} or {@code flakyError}. Unlike Surefire, which writes a failed test's
 * {@code system-out} before its reruns, the elements follow the schema's order, so the file
 * validates. Stack traces keep their beginning, stdout and stderr their end, each within the
 * text cap; messages, names and properties have fixed caps.
 */
final class SurefireSuite {
    static final String XSD_LOCATION =
            "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd";
    static final String XSD_VERSION = "3.0.2";
    private static final int NAME_BYTES = 2 << 10;
    private static final int MESSAGE_BYTES = 4 << 10;

    /**
     * A rendered file and what its size would be at another text cap.
     *
     * @param overhead  its bytes apart from the capped texts
     * @param textBytes each capped text's full escaped size
     */
    record Rendered(String className, byte[] xml, long overhead, long[] textBytes, int clipped) {
        long bytesAt(long cap) {
            long total = overhead;
            for (long full : textBytes) {
                total += Escaper.clippedBytes(full, cap);
            }
            return total;
        }
    }

    /** The schema's order of a test case's children. */
    private enum Element {
        FAILURE("failure"), RERUN_FAILURE("rerunFailure"), FLAKY_FAILURE("flakyFailure"), SKIPPED("skipped"),
        ERROR("error"), RERUN_ERROR("rerunError"), FLAKY_ERROR("flakyError");

        final String tag;

        Element(String tag) {
            this.tag = tag;
        }
    }

    private record Problem(Element element, TestCase attempt) {
    }

    private final StringBuilder out = new StringBuilder(4096);
    private final long textCap;
    private final List<Long> textBytes = new ArrayList<>();
    private long emittedTextBytes;
    private int clipped;

    private SurefireSuite(long textCap) {
        this.textCap = textCap;
    }

    static Rendered render(String className, List<ReportedTest> tests, RunFacts facts, long textCap) {
        SurefireSuite suite = new SurefireSuite(textCap);
        suite.suite(className, tests, facts);
        byte[] xml = suite.out.toString().getBytes(StandardCharsets.UTF_8);
        long[] texts = suite.textBytes.stream().mapToLong(Long::longValue).toArray();
        return new Rendered(className, xml, xml.length - suite.emittedTextBytes, texts, suite.clipped);
    }

    private void suite(String className, List<ReportedTest> tests, RunFacts facts) {
        Tally tally = Tally.of(tests);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite");
        attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
        attribute("xsi:noNamespaceSchemaLocation", XSD_LOCATION);
        attribute("version", XSD_VERSION);
        attribute("name", Escaper.XML_ATTRIBUTE.head(className, NAME_BYTES));
        attribute("time", seconds(tally.timeMillis()));
        if (facts.startedAt() != null) {
            attribute("timestamp", facts.startedAt().toString());
        }
        attribute("tests", String.valueOf(tally.tests()));
        attribute("errors", String.valueOf(tally.errors()));
        attribute("skipped", String.valueOf(tally.skipped()));
        attribute("failures", String.valueOf(tally.failed()));
        attribute("flakes", String.valueOf(tally.flaky()));
        out.append(">\n  <properties>\n");
        property("dtf.project", facts.project());
        property("dtf.runId", facts.runId());
        property("dtf.grid", facts.grid());
        property("dtf.nodes", distinct(tests, t -> t.outcome().nodeId()));
        property("dtf.hwClasses", distinct(tests, t -> t.outcome().hwClass()));
        out.append("  </properties>\n");
        for (ReportedTest test : tests) {
            testCase(test);
        }
        out.append("</testsuite>\n");
    }

    private void testCase(ReportedTest test) {
        TestCase last = test.last();
        out.append("  <testcase");
        attribute("name", Escaper.XML_ATTRIBUTE.head(test.name(), NAME_BYTES));
        attribute("classname", Escaper.XML_ATTRIBUTE.head(last.className(), NAME_BYTES));
        attribute("time", seconds(last.durationMillis()));
        List<Problem> problems = problems(test);
        boolean ownOutput = !last.stdoutTail().isEmpty() || !last.stderrTail().isEmpty();
        if (problems.isEmpty() && !ownOutput) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        for (Problem problem : problems) {
            problem(problem, problem.attempt() != last);
        }
        output("    ", "system-out", last.stdoutTail());
        output("    ", "system-err", last.stderrTail());
        out.append("  </testcase>\n");
    }

    private static List<Problem> problems(ReportedTest test) {
        List<Problem> problems = new ArrayList<>();
        TestStatus verdict = test.verdict();
        if (verdict == TestStatus.SKIPPED) {
            problems.add(new Problem(Element.SKIPPED, test.last()));
        } else if (verdict == TestStatus.FAILED || verdict == TestStatus.ERROR) {
            problems.add(new Problem(verdict == TestStatus.FAILED ? Element.FAILURE : Element.ERROR, test.last()));
            for (TestCase earlier : test.outcome().earlier()) {
                if (earlier.status() == TestStatus.FAILED) {
                    problems.add(new Problem(Element.RERUN_FAILURE, earlier));
                } else if (earlier.status() == TestStatus.ERROR) {
                    problems.add(new Problem(Element.RERUN_ERROR, earlier));
                }
            }
        } else if (verdict == TestStatus.FLAKY) {
            for (TestCase earlier : test.outcome().earlier()) {
                if (earlier.status() == TestStatus.FAILED) {
                    problems.add(new Problem(Element.FLAKY_FAILURE, earlier));
                } else if (earlier.status() == TestStatus.ERROR) {
                    problems.add(new Problem(Element.FLAKY_ERROR, earlier));
                }
            }
        }
        problems.sort(Comparator.comparing(Problem::element));
        return problems;
    }

    /** One attempt's problem; a rerun or flaky one nests its trace and output, the main one does not. */
    private void problem(Problem problem, boolean nested) {
        TestCase attempt = problem.attempt();
        out.append("    <").append(problem.element().tag);
        if (attempt.message() != null && !attempt.message().isEmpty()) {
            attribute("message", Escaper.XML_ATTRIBUTE.head(attempt.message(), MESSAGE_BYTES));
        }
        if (problem.element() != Element.SKIPPED && attempt.failureType() != null) {
            attribute("type", Escaper.XML_ATTRIBUTE.head(attempt.failureType(), NAME_BYTES));
        }
        String trace = attempt.stackTrace() == null ? "" : attempt.stackTrace();
        if (problem.element() == Element.SKIPPED) {
            out.append("/>\n");
        } else if (!nested) {
            out.append(">");
            text(trace, false);
            out.append("</").append(problem.element().tag).append(">\n");
        } else {
            out.append(">\n      <stackTrace>");
            text(trace, false);
            out.append("</stackTrace>\n");
            output("      ", "system-out", attempt.stdoutTail());
            output("      ", "system-err", attempt.stderrTail());
            out.append("    </").append(problem.element().tag).append(">\n");
        }
    }

    private void output(String indent, String tag, String text) {
        if (text.isEmpty()) {
            return;
        }
        out.append(indent).append('<').append(tag).append('>');
        text(text, true);
        out.append("</").append(tag).append(">\n");
    }

    /** A capped text: a trace keeps its start, output (a tail already) its end. */
    private void text(String text, boolean keepEnd) {
        long full = Escaper.XML_TEXT.escapedBytes(text);
        textBytes.add(full);
        if (full > textCap) {
            clipped++;
        }
        String escaped = keepEnd ? Escaper.XML_TEXT.tail(text, textCap) : Escaper.XML_TEXT.head(text, textCap);
        emittedTextBytes += utf8Length(escaped);
        out.append(escaped);
    }

    private void property(String name, String value) {
        out.append("    <property");
        attribute("name", name);
        attribute("value", Escaper.XML_ATTRIBUTE.head(value, MESSAGE_BYTES));
        out.append("/>\n");
    }

    /** Appends an attribute whose value is already escaped (or plain ASCII). */
    private void attribute(String name, String escapedValue) {
        out.append(' ').append(name).append("=\"").append(escapedValue).append('"');
    }

    private static String distinct(List<ReportedTest> tests, Function<ReportedTest, String> field) {
        TreeSet<String> values = new TreeSet<>();
        for (ReportedTest test : tests) {
            String value = field.apply(test);
            if (value != null && !value.isBlank()) {
                values.add(value);
            }
        }
        return String.join(",", values);
    }

    /** Seconds with milliseconds, as xs:float reads them: {@code 1.234}. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(Math.max(0, millis)).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    private static long utf8Length(String s) {
        long total = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                total++;
            } else if (c < 0x800) {
                total += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                total += 4;
                i++;
            } else {
                total += 3;
            }
        }
        return total;
    }
}
