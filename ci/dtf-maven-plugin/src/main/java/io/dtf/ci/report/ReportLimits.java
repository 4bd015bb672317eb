package io.dtf.ci.report;

/**
 * Size bounds the reports keep, so that CI servers accept them. Text over a bound is cut with the
 * note {@code [truncated by DTF: N bytes]}; a test is never left out.
 *
 * <p>The defaults sit under the published limits with a margin: GitLab reads JUnit files smaller
 * than 30 MB each and 100 MB for all of a job's files (and its XML parser refuses text nodes of
 * 10 MB and more); GitHub Actions refuses a step summary over 1 MiB.
 *
 * @param junitFileBytes  largest JUnit XML file
 * @param junitTotalBytes all JUnit XML files together
 * @param junitTextBytes  one stack trace, stdout or stderr in the XML, before any shrinking that the
 *                        two bounds above need
 * @param markdownBytes   the step-summary file once the Markdown is appended (and summary.md)
 */
public record ReportLimits(long junitFileBytes, long junitTotalBytes, int junitTextBytes, long markdownBytes) {
    /** The most one text in the XML may hold, under the 10 MB GitLab's parser reads in one node. */
    public static final int MAX_TEXT_BYTES = 8 << 20;

    public static final ReportLimits DEFAULT =
            new ReportLimits(20L << 20, 80L << 20, 64 << 10, 1L << 20);

    public ReportLimits {
        if (junitTextBytes > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("junitTextBytes " + junitTextBytes + " is over " + MAX_TEXT_BYTES
                    + ": GitLab cannot read a text node of 10 MB or more");
        }
        if (junitFileBytes <= 0 || junitTotalBytes < junitFileBytes || junitTextBytes < 0 || markdownBytes <= 0) {
            throw new IllegalArgumentException("report limits must be positive, the JUnit total at least one file's: "
                    + junitFileBytes + ", " + junitTotalBytes + ", " + junitTextBytes + ", " + markdownBytes);
        }
    }
}
