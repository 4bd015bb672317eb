package io.dtf.ci.report;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code index.html}: one self-contained page (inline style, no script, no external resource; a
 * content security policy forbids loading anything) with failures first, then flaky tests, the
 * time per class, the counts per hardware class and every test. Every string from a test is
 * HTML-escaped, and traces and output are cut to a few KiB each with a note; once the page holds
 * 8 Mi characters, further failures are listed without their traces and output.
 */
final class HtmlReport {
    private static final int TEXT_BYTES = 16 << 10;
    private static final int MESSAGE_BYTES = 4 << 10;
    /** Past this size the page lists further failures without their traces and output. */
    private static final int DETAILS_CHARS = 8 << 20;
    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}
            td.n{text-align:right}pre{background:#f6f6f6;padding:8px;overflow-x:auto;white-space:pre-wrap}
            .FAILED,.ERROR{color:#b00}.FLAKY{color:#a60}.SKIPPED{color:#777}.PASSED{color:#070}
            .bar{background:#69c;height:10px;display:inline-block}section{margin-bottom:1.5em}
            """;

    private final StringBuilder out = new StringBuilder(8192);

    private HtmlReport() {
    }

    static String render(RunFacts facts, List<ReportedTest> tests) {
        HtmlReport page = new HtmlReport();
        page.page(facts, tests);
        return page.out.toString();
    }

    private void page(RunFacts facts, List<ReportedTest> tests) {
        Tally tally = Tally.of(tests);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n<title>DTF tests: ").append(h(facts.project()))
                .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        out.append("<h1>DTF tests: ").append(h(facts.project())).append("</h1>\n<p>")
                .append(tally.tests()).append(" tests: ").append(tally.passed()).append(" passed, ")
                .append(tally.failed()).append(" failed, ").append(tally.errors()).append(" errors, ")
                .append(tally.skipped()).append(" skipped, ").append(tally.flaky()).append(" flaky. Test time ")
                .append(SummaryMarkdown.duration(tally.timeMillis())).append(", wall time ")
                .append(SummaryMarkdown.duration(facts.wallTime().toMillis())).append(".<br>Run <code>")
                .append(h(facts.runId())).append("</code> on <code>").append(h(facts.grid())).append("</code>");
        if (facts.startedAt() != null) {
            out.append(", started ").append(facts.startedAt());
        }
        out.append(".</p>\n");
        failures(tests);
        flaky(tests);
        classes(tests);
        hardware(tests);
        all(tests);
        out.append("</body></html>\n");
    }

    private void failures(List<ReportedTest> tests) {
        List<ReportedTest> failed = tests.stream().filter(ReportedTest::failed).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.append("<section id=\"failures\"><h2>Failures (").append(failed.size()).append(")</h2>\n");
        int withoutDetails = 0;
        for (ReportedTest test : failed) {
            testHeading(test);
            if (out.length() > DETAILS_CHARS) {
                withoutDetails++;
                continue;
            }
            attempt(test.last(), "last attempt", true);
            for (TestCase earlier : test.outcome().earlier()) {
                attempt(earlier, "earlier attempt", false);
            }
        }
        omitted(withoutDetails);
        out.append("</section>\n");
    }

    private void flaky(List<ReportedTest> tests) {
        List<ReportedTest> flaky = tests.stream().filter(t -> t.verdict() == TestStatus.FLAKY).toList();
        if (flaky.isEmpty()) {
            return;
        }
        out.append("<section id=\"flaky\"><h2>Flaky (").append(flaky.size()).append(")</h2>\n");
        int withoutDetails = 0;
        for (ReportedTest test : flaky) {
            testHeading(test);
            if (out.length() > DETAILS_CHARS) {
                withoutDetails++;
                continue;
            }
            for (TestCase earlier : test.outcome().earlier()) {
                attempt(earlier, "failed attempt", false);
            }
        }
        omitted(withoutDetails);
        out.append("</section>\n");
    }

    private void omitted(int withoutDetails) {
        if (withoutDetails > 0) {
            out.append("<p>The traces and output of the last ").append(withoutDetails)
                    .append(" are left out to keep this page small; they are in the JUnit XML files.</p>\n");
        }
    }

    private void testHeading(ReportedTest test) {
        out.append("<h3 class=\"").append(test.verdict()).append("\">").append(test.verdict()).append(" <code>")
                .append(h(test.id())).append("</code></h3>\n<p>").append(test.attempts().size())
                .append(test.attempts().size() == 1 ? " attempt" : " attempts").append("; last on node <code>")
                .append(h(test.outcome().nodeId())).append("</code>, hardware class <code>")
                .append(h(test.hwClass())).append("</code></p>\n");
    }

    private void attempt(TestCase attempt, String label, boolean open) {
        String problem = (attempt.failureType() == null ? "" : attempt.failureType())
                + (attempt.message() == null ? "" : ": " + attempt.message());
        out.append("<details").append(open ? " open" : "").append("><summary>").append(label).append(", ")
                .append(attempt.status()).append(": ").append(Escaper.HTML.head(problem, MESSAGE_BYTES))
                .append("</summary>\n");
        block("stack trace", attempt.stackTrace(), false);
        block("stdout (end)", attempt.stdoutTail(), true);
        block("stderr (end)", attempt.stderrTail(), true);
        out.append("</details>\n");
    }

    private void block(String title, String text, boolean keepEnd) {
        if (text == null || text.isEmpty()) {
            return;
        }
        out.append("<p>").append(title).append("</p><pre>")
                .append(keepEnd ? Escaper.HTML.tail(text, TEXT_BYTES) : Escaper.HTML.head(text, TEXT_BYTES))
                .append("</pre>\n");
    }

    private void classes(List<ReportedTest> tests) {
        Map<String, List<ReportedTest>> byClass = new LinkedHashMap<>();
        tests.forEach(t -> byClass.computeIfAbsent(t.className(), c -> new ArrayList<>()).add(t));
        List<Map.Entry<String, Tally>> rows = new ArrayList<>();
        byClass.forEach((c, list) -> rows.add(Map.entry(c, Tally.of(list))));
        rows.sort(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().timeMillis()).reversed()
                .thenComparing(Map.Entry::getKey));
        long longest = rows.isEmpty() ? 1 : Math.max(1, rows.get(0).getValue().timeMillis());
        out.append("<section id=\"classes\"><h2>Time per class</h2>\n<table><tr><th>Class</th><th>Tests</th>")
                .append("<th>Failed</th><th>Flaky</th><th>Skipped</th><th>Time</th><th></th></tr>\n");
        for (Map.Entry<String, Tally> row : rows) {
            Tally t = row.getValue();
            out.append("<tr><td><code>").append(h(row.getKey())).append("</code></td><td class=\"n\">")
                    .append(t.tests()).append("</td><td class=\"n\">").append(t.broken()).append("</td><td class=\"n\">")
                    .append(t.flaky()).append("</td><td class=\"n\">").append(t.skipped()).append("</td><td class=\"n\">")
                    .append(SummaryMarkdown.duration(t.timeMillis())).append("</td><td><span class=\"bar\" style=\"width:")
                    .append(Math.max(1, 200 * t.timeMillis() / longest)).append("px\"></span></td></tr>\n");
        }
        out.append("</table></section>\n");
    }

    private void hardware(List<ReportedTest> tests) {
        Map<String, List<ReportedTest>> byHw = new TreeMap<>();
        tests.forEach(t -> byHw.computeIfAbsent(t.hwClass(), c -> new ArrayList<>()).add(t));
        out.append("<section id=\"hardware\"><h2>By hardware class</h2>\n<table><tr><th>Hardware class</th>")
                .append("<th>Tests</th><th>Failed</th><th>Flaky</th><th>Skipped</th><th>Time</th></tr>\n");
        byHw.forEach((hw, list) -> {
            Tally t = Tally.of(list);
            out.append("<tr><td><code>").append(h(hw)).append("</code></td><td class=\"n\">").append(t.tests())
                    .append("</td><td class=\"n\">").append(t.broken()).append("</td><td class=\"n\">").append(t.flaky())
                    .append("</td><td class=\"n\">").append(t.skipped()).append("</td><td class=\"n\">")
                    .append(SummaryMarkdown.duration(t.timeMillis())).append("</td></tr>\n");
        });
        out.append("</table></section>\n");
    }

    private void all(List<ReportedTest> tests) {
        out.append("<section id=\"tests\"><h2>All tests</h2>\n<table><tr><th>Class</th><th>Test</th><th>Status</th>")
                .append("<th>Time</th><th>Attempts</th><th>Node</th><th>Hardware class</th></tr>\n");
        for (ReportedTest test : tests) {
            out.append("<tr><td><code>").append(h(test.className())).append("</code></td><td>").append(h(test.name()))
                    .append("</td><td class=\"").append(test.verdict()).append("\">").append(test.verdict())
                    .append("</td><td class=\"n\">").append(SummaryMarkdown.duration(test.last().durationMillis()))
                    .append("</td><td class=\"n\">").append(test.attempts().size()).append("</td><td>")
                    .append(h(test.outcome().nodeId())).append("</td><td>").append(h(test.hwClass()))
                    .append("</td></tr>\n");
        }
        out.append("</table></section>\n");
    }

    private static String h(String s) {
        return Escaper.HTML.head(s == null ? "" : s, MESSAGE_BYTES);
    }
}
