package io.dtf.ci.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    private String page() throws Exception {
        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, SampleOutcomes.all(), ReportLimits.DEFAULT, null);
        return Files.readString(files.html());
    }

    @Test
    void pageLoadsNothingAndRunsNothing() throws Exception {
        String html = page();

        assertFalse(html.contains("http://") || html.contains("https://"), "no external resource");
        assertFalse(Pattern.compile("<script|\\bsrc=|<link|<img|<iframe|@import|url\\(",
                Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    }

    @Test
    void failuresComeFirstThenFlakyThenTimePerClass() throws Exception {
        String html = page();

        int failures = html.indexOf("<section id=\"failures\">");
        int flaky = html.indexOf("<section id=\"flaky\">");
        int classes = html.indexOf("<section id=\"classes\">");
        int all = html.indexOf("<section id=\"tests\">");
        assertTrue(0 < failures && failures < flaky && flaky < classes && classes < all,
                failures + " " + flaky + " " + classes + " " + all);
        assertTrue(html.indexOf("com.example.ParserTest#parsesCsv") < flaky);
    }

    @Test
    void timePerClassIsListedLongestFirst() throws Exception {
        String html = page();
        String classes = html.substring(html.indexOf("<section id=\"classes\">"), html.indexOf("<section id=\"hardware\">"));

        Matcher rows = Pattern.compile("<tr><td><code>([^<]+)</code>").matcher(classes);
        StringBuilder order = new StringBuilder();
        while (rows.find()) {
            order.append(rows.group(1)).append(' ');
        }
        assertEquals("com.example.HostileTest com.example.NetworkTest com.example.ParserTest ", order.toString());
        assertTrue(classes.contains("<td class=\"n\">907 ms</td>"), classes);
    }

    @Test
    void hostileStringsAreEscaped() throws Exception {
        String html = page();

        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot; ]]&gt; "
                + "nul:\\u0000 bell:\\u0007 lone:\\uD800"));
        assertTrue(html.contains("<code>node-&lt;b&gt;</code>"));
        assertFalse(html.contains("\u0000"));
    }

    @Test
    void thousandsOfFailuresAreAllListedButOnlyTheFirstWithTheirTraces() throws Exception {
        java.util.List<TestOutcome> outcomes = new java.util.ArrayList<>();
        String trace = "java.lang.AssertionError: no\n" + "\tat com.example.Deep.frame(Deep.java:1)\n".repeat(400);
        for (int i = 0; i < 2000; i++) {
            outcomes.add(new TestOutcome(new io.dtf.model.TestCase("com.example.ManyTest", "fails" + i, null, "u",
                    io.dtf.model.TestStatus.FAILED, 1, "java.lang.AssertionError", "no", trace, "", ""),
                    java.util.List.of(), "n", "hw"));
        }

        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, outcomes, ReportLimits.DEFAULT, null);

        String html = Files.readString(files.html());
        assertTrue(html.length() < 10 << 20, html.length() + " chars");
        assertTrue(html.contains("<code>com.example.ManyTest#fails1999</code></h3>"));
        assertTrue(html.matches("(?s).*<p>The traces and output of the last \\d+ are left out.*"));
    }

    @Test
    void bigOutputOfAFailedTestIsCutWithANote() throws Exception {
        TestOutcome chatty = new TestOutcome(new io.dtf.model.TestCase("com.example.ChattyTest", "fails", null, "u",
                io.dtf.model.TestStatus.FAILED, 1, "java.lang.AssertionError", "no", "trace", SampleOutcomes.bigOutput(),
                ""), java.util.List.of(), "n", "hw");

        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, java.util.List.of(chatty), ReportLimits.DEFAULT, null);

        String html = Files.readString(files.html());
        assertTrue(html.contains("<pre>[truncated by DTF: "));
        assertTrue(html.contains(SampleOutcomes.BIG_OUTPUT_END + "</pre>"));
        assertTrue(html.length() < 40_000, html.length() + " chars");
    }
}
