package io.dtf.ci.report;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code summary.md}: a count table, the table per hardware class, then failures (each with its
 * trace folded) and flaky tests, as GitHub renders it in a job summary.
 *
 * <p>The text is kept within a byte budget (GitHub refuses a step summary over 1 MiB, counting
 * what earlier steps wrote): failures and flaky tests are listed while they fit, and a last line
 * says how many more there are and where to find them. Names sit in code spans and messages are
 * escaped, so neither Markdown nor HTML in a test's strings is interpreted.
 */
final class SummaryMarkdown {
    private static final int MESSAGE_BYTES = 500;
    private static final int TRACE_BYTES = 4 << 10;
    private static final int RESERVE = 400;

    private SummaryMarkdown() {
    }

    /** The Markdown within {@code budget} bytes of UTF-8; empty when not even the counts fit. */
    static String render(RunFacts facts, List<ReportedTest> tests, long budget) {
        Tally tally = Tally.of(tests);
        StringBuilder md = new StringBuilder();
        md.append("## ").append(tally.broken() > 0 ? "❌" : tally.flaky() > 0 ? "⚠️" : "✅")
                .append(" DTF tests: ").append(text(facts.project())).append("\n\n");
        md.append("| Tests | Passed | Failed | Errors | Skipped | Flaky | Test time | Wall time |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %s | %s |\n\n", tally.tests(), tally.passed(),
                tally.failed(), tally.errors(), tally.skipped(), tally.flaky(), duration(tally.timeMillis()),
                duration(facts.wallTime().toMillis())));
        md.append("Run ").append(code(facts.runId())).append(" on ").append(code(facts.grid())).append(".\n\n");
        hardwareTable(md, tests);
        if (bytes(md) + RESERVE > budget) {
            String pointer = "DTF tests: " + tally.tests() + " run, " + tally.broken() + " failed, " + tally.flaky()
                    + " flaky (details in " + ReportPaths.DIRECTORY_NAME + "/" + ReportPaths.HTML + ").\n";
            return bytes(pointer) <= budget ? pointer : "";
        }
        List<ReportedTest> failures = tests.stream().filter(ReportedTest::failed).toList();
        List<ReportedTest> flaky = tests.stream().filter(t -> t.verdict() == TestStatus.FLAKY).toList();
        section(md, "Failures", failures, budget, SummaryMarkdown::failure);
        section(md, "Flaky", flaky, budget, SummaryMarkdown::flaky);
        return md.toString();
    }

    private static void hardwareTable(StringBuilder md, List<ReportedTest> tests) {
        Map<String, List<ReportedTest>> byHw = new TreeMap<>(
                tests.stream().collect(Collectors.groupingBy(ReportedTest::hwClass)));
        if (byHw.size() < 2) {
            return;
        }
        md.append("| Hardware class | Tests | Failed | Errors | Skipped | Flaky | Test time |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        byHw.forEach((hw, list) -> {
            Tally t = Tally.of(list);
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %s |\n", cell(hw), t.tests(), t.failed(),
                    t.errors(), t.skipped(), t.flaky(), duration(t.timeMillis())));
        });
        md.append('\n');
    }

    private static void section(StringBuilder md, String title, List<ReportedTest> tests, long budget,
                                Function<ReportedTest, String> entry) {
        if (tests.isEmpty()) {
            return;
        }
        md.append("### ").append(title).append(" (").append(tests.size()).append(")\n\n");
        int shown = 0;
        long used = bytes(md);
        for (ReportedTest test : tests) {
            String line = entry.apply(test);
            long size = bytes(line);
            if (used + size + RESERVE > budget) {
                break;
            }
            md.append(line);
            used += size;
            shown++;
        }
        if (shown < tests.size()) {
            md.append("\n… and ").append(tests.size() - shown).append(" more, left out to keep this summary under ")
                    .append(budget).append(" bytes: see ").append(ReportPaths.DIRECTORY_NAME).append('/')
                    .append(ReportPaths.HTML).append(" or ").append(ReportPaths.SUMMARY_JSON).append(".\n");
        }
        md.append('\n');
    }

    private static String failure(ReportedTest test) {
        TestCase last = test.last();
        StringBuilder line = new StringBuilder("- ").append(code(test.id())).append(" — ")
                .append(problem(last));
        if (test.attempts().size() > 1) {
            line.append(" (failed all ").append(test.attempts().size()).append(" attempts)");
        }
        line.append('\n');
        String trace = last.stackTrace();
        if (trace != null && !trace.isBlank()) {
            String body = Escaper.PLAIN.head(trace, TRACE_BYTES);
            String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
            line.append("  <details><summary>stack trace</summary>\n\n  ").append(fence).append('\n')
                    .append(body.indent(2)).append("  ").append(fence).append("\n  </details>\n");
        }
        return line.toString();
    }

    private static String flaky(ReportedTest test) {
        return "- " + code(test.id()) + " — passed on attempt " + test.attempts().size() + "; first failure: "
                + problem(test.firstFailure()) + "\n";
    }

    private static String problem(TestCase attempt) {
        String type = attempt.failureType() == null ? "" : attempt.failureType();
        String message = attempt.message() == null ? "" : Escaper.PLAIN.head(attempt.message(), MESSAGE_BYTES);
        String both = type.isEmpty() ? message : message.isEmpty() ? type : type + ": " + message;
        return both.isEmpty() ? attempt.status().name().toLowerCase() : text(both);
    }

    /** Text on one line with Markdown and HTML made literal. */
    static String text(String s) {
        String plain = Escaper.PLAIN.escape(s == null ? "" : s).replaceAll("[\\r\\n]+", " ");
        return plain.replaceAll("([\\\\`*_\\[\\]|~#!{}+-])", "\\\\$1")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A code span that holds any backticks in {@code s} (and nothing in it is interpreted). */
    static String code(String s) {
        return span(Escaper.PLAIN.escape(s == null || s.isEmpty() ? "-" : s).replaceAll("[\\r\\n]+", " "));
    }

    /** A code span in a table cell, where a pipe must be escaped even inside code. */
    private static String cell(String s) {
        return span(Escaper.PLAIN.escape(s).replaceAll("[\\r\\n]+", " ").replace("|", "\\|"));
    }

    private static String span(String plain) {
        String ticks = "`".repeat(longestRun(plain, '`') + 1);
        String pad = plain.startsWith("`") || plain.endsWith("`") ? " " : "";
        return ticks + pad + plain + pad + ticks;
    }

    private static int longestRun(String s, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        Duration d = Duration.ofMillis(millis);
        if (d.toMinutes() == 0) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (d.toHours() == 0) {
            return String.format(Locale.ROOT, "%dm %02ds", d.toMinutesPart(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%dh %02dm", d.toHours(), d.toMinutesPart());
    }

    private static long bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
