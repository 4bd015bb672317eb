package io.dtf.ci.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryMarkdownTest {
    @TempDir
    Path dir;

    @Test
    void markdownHasTheCountTableFailuresAndFlakyTests() throws Exception {
        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, SampleOutcomes.all(), ReportLimits.DEFAULT, null);
        String md = Files.readString(files.summaryMarkdown());

        assertTrue(md.contains("| 12 | 5 | 3 | 2 | 1 | 1 | 1.6 s | 1m 15s |"), md);
        assertTrue(md.contains("### Failures (5)"));
        assertTrue(md.contains("- `com.example.ParserTest#parsesCsv` — org.opentest4j.AssertionFailedError: "
                + "expected: &lt;3&gt; but was: &lt;2&gt;"));
        assertTrue(md.contains("### Flaky (1)\n\n- `com.example.NetworkTest#connects` — passed on attempt 2"));
        assertTrue(md.contains("| `hw\\|\"class\"` | 1 | 1 |"), "a pipe in a table cell is escaped");
        assertNull(files.stepSummary());
    }

    @Test
    void hostileTextOutsideCodeIsMadeLiteral() throws Exception {
        ReportFiles files = Reports.write(dir, SampleOutcomes.FACTS, SampleOutcomes.all(), ReportLimits.DEFAULT, null);
        String md = Files.readString(files.summaryMarkdown());

        String line = md.lines().filter(l -> l.startsWith("- `com.example.HostileTest#hostile")).findFirst().orElseThrow();
        String message = line.substring(line.indexOf("` — ") + 4);
        assertTrue(message.startsWith("java.lang.AssertionError: &lt;script&gt;alert('x')&lt;/script&gt; &amp;"), message);
        assertFalse(message.contains("<"));
        assertTrue(message.contains("\\]\\]&gt;"));
        assertFalse(md.contains("\u0000"));
    }

    @Test
    void appendsToTheStepSummaryAfterWhatEarlierStepsWrote() throws Exception {
        Path stepSummary = Files.writeString(dir.resolve("step-summary.md"), "# Build\n\ncompiled\n");

        ReportFiles files = Reports.write(dir.resolve("reports"), SampleOutcomes.FACTS, SampleOutcomes.all(),
                ReportLimits.DEFAULT, stepSummary);

        assertEquals(stepSummary, files.stepSummary());
        assertEquals("# Build\n\ncompiled\n\n" + Files.readString(files.summaryMarkdown()), Files.readString(stepSummary));
    }

    @Test
    void manyFailuresStayUnderGitHubsOneMebibyteWithANoteOfHowManyAreLeftOut() throws Exception {
        List<TestOutcome> outcomes = new ArrayList<>();
        String trace = "java.lang.AssertionError: no\n" + "\tat com.example.Deep.frame(Deep.java:1)\n".repeat(200);
        for (int i = 0; i < 600; i++) {
            outcomes.add(new TestOutcome(new TestCase("com.example.Many" + (i % 50) + "Test", "fails" + i, null, "u",
                    TestStatus.FAILED, 5, "java.lang.AssertionError", "no " + "x".repeat(400), trace, "", ""),
                    List.of(), "n", "hw"));
        }
        Path stepSummary = Files.writeString(dir.resolve("step-summary.md"), "x".repeat(100_000));

        ReportFiles files = Reports.write(dir.resolve("reports"), SampleOutcomes.FACTS, outcomes, ReportLimits.DEFAULT,
                stepSummary);

        assertTrue(Files.size(stepSummary) <= 1 << 20, Files.size(stepSummary) + " bytes");
        assertTrue(Files.size(files.summaryMarkdown()) <= 1 << 20);
        assertTrue(Files.size(stepSummary) > (1 << 20) - 8192, "the room is used: " + Files.size(stepSummary));
        String appended = Files.readString(stepSummary);
        assertTrue(appended.contains("### Failures (600)"));
        assertTrue(appended.matches("(?s).*… and \\d+ more, left out to keep this summary under \\d+ bytes: see "
                + "dtf-reports/index.html or summary.json\\..*"), appended.substring(appended.length() - 300));
    }

    @Test
    void aFullStepSummaryGetsNothingAndANote() throws Exception {
        Path stepSummary = Files.writeString(dir.resolve("step-summary.md"), "x".repeat(1 << 20));

        ReportFiles files = Reports.write(dir.resolve("reports"), SampleOutcomes.FACTS, SampleOutcomes.all(),
                ReportLimits.DEFAULT, stepSummary);

        assertNull(files.stepSummary());
        assertEquals(1 << 20, Files.size(stepSummary));
        assertTrue(files.notes().stream().anyMatch(n -> n.startsWith("step summary: ")), files.notes().toString());
    }
}
