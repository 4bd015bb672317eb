package io.dtf.ci.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the reports of a run, the ones every CI reads, into one directory
 * (by default {@value ReportPaths#DEFAULT_DIRECTORY}):
 * <ul>
 *   <li>{@code TEST-<class>.xml}: Surefire's JUnit XML, one file per test class, valid against
 *       Surefire's schema, with {@code flakyFailure} and {@code rerunFailure} elements;</li>
 *   <li>{@code summary.json}: counts, failures, flaky tests, counts per hardware class;</li>
 *   <li>{@code summary.md}: the same as Markdown, also appended to the file named by
 *       {@code $GITHUB_STEP_SUMMARY} when that is set;</li>
 *   <li>{@code index.html}: a self-contained page, failures first;</li>
 *   <li>{@code badge.json}: a shields.io endpoint badge.</li>
 * </ul>
 * Sizes stay within {@link ReportLimits#DEFAULT} (GitLab's JUnit limits, GitHub's step-summary
 * limit): long texts are cut with a note, tests are never left out.
 *
 * <pre>{@code
 * RunFacts facts = new RunFacts("com.example:parser", runId, startedAt, Duration.ofSeconds(42), "10.0.0.1:10800");
 * Path dir = Path.of(project.getBuild().getDirectory(), ReportPaths.DIRECTORY_NAME);
 * ReportFiles files = Reports.write(dir, facts, outcomes);
 * files.notes().forEach(log::warn);
 * }</pre>
 */
public final class Reports {
    private Reports() {
    }

    /**
     * Writes every report into {@code dir} (created if absent; the JUnit XML files of an earlier run
     * are removed first, so that a CI never reads a class this run did not run) and appends the Markdown to {@code $GITHUB_STEP_SUMMARY} when set.
     */
    public static ReportFiles write(Path dir, RunFacts facts, List<TestOutcome> outcomes) throws IOException {
        String stepSummary = System.getenv(ReportPaths.GITHUB_STEP_SUMMARY);
        return write(dir, facts, outcomes, ReportLimits.DEFAULT,
                stepSummary == null || stepSummary.isBlank() ? null : Path.of(stepSummary));
    }

    /**
     * The same with explicit limits and step-summary file ({@code null}: none).
     */
    public static ReportFiles write(Path dir, RunFacts facts, List<TestOutcome> outcomes, ReportLimits limits,
                                    Path stepSummary) throws IOException {
        if (dir == null || facts == null || outcomes == null || limits == null) {
            throw new IllegalArgumentException("reports need a directory, the run's facts, its outcomes and limits");
        }
        Files.createDirectories(dir);
        removeEarlierJunitFiles(dir);
        List<ReportedTest> tests = ReportedTest.of(outcomes);
        List<String> notes = new ArrayList<>();

        SurefireReports.Written junit = SurefireReports.write(dir, facts, tests, limits);
        notes.addAll(junit.notes());
        Path json = writeText(dir.resolve(ReportPaths.SUMMARY_JSON), SummaryJson.render(facts, tests));
        Path markdown = writeText(dir.resolve(ReportPaths.SUMMARY_MARKDOWN),
                SummaryMarkdown.render(facts, tests, limits.markdownBytes()));
        Path html = writeText(dir.resolve(ReportPaths.HTML), HtmlReport.render(facts, tests));
        Path badge = writeText(dir.resolve(ReportPaths.BADGE), Badge.render(Tally.of(tests)));
        Path appendedTo = stepSummary == null ? null : appendStepSummary(stepSummary, facts, tests, limits, notes);
        return new ReportFiles(dir, junit.files(), json, markdown, html, badge, appendedTo, notes);
    }

    /** Appends within what is left of the step summary's limit after earlier steps' text. */
    private static Path appendStepSummary(Path file, RunFacts facts, List<ReportedTest> tests, ReportLimits limits,
                                          List<String> notes) throws IOException {
        long existing = Files.exists(file) ? Files.size(file) : 0;
        String separator = existing > 0 ? "\n" : "";
        String markdown = SummaryMarkdown.render(facts, tests, limits.markdownBytes() - existing - separator.length());
        if (markdown.isEmpty()) {
            notes.add("step summary: " + file + " already holds " + existing + " bytes, no room for the test summary");
            return null;
        }
        Files.writeString(file, separator + markdown, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return file;
    }

    private static void removeEarlierJunitFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> earlier = Files.newDirectoryStream(dir, ReportPaths.JUNIT_GLOB)) {
            for (Path file : earlier) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Path writeText(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
