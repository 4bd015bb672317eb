package io.dtf.ci.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The files {@link Reports#write} wrote.
 *
 * @param directory      the reports' directory
 * @param junitXml       one Surefire-format file per test class, in class-name order
 * @param summaryJson    counts, failures and flaky tests as JSON
 * @param summaryMarkdown the same as a Markdown table and lists
 * @param html           the self-contained HTML report
 * @param badge          the shields.io endpoint badge
 * @param stepSummary    the GitHub step-summary file the Markdown was appended to, or null
 * @param notes          what was cut to stay within the limits, one sentence each (empty when nothing)
 */
public record ReportFiles(Path directory, List<Path> junitXml, Path summaryJson, Path summaryMarkdown, Path html,
                          Path badge, Path stepSummary, List<String> notes) {
    public ReportFiles {
        junitXml = List.copyOf(junitXml);
        notes = List.copyOf(notes);
    }
}
