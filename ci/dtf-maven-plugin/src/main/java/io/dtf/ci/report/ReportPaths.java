package io.dtf.ci.report;

/**
 * Where the reports go and what their files are called: the one place the plugin, the CI templates
 * under {@code ci/templates/} and the docs agree on (a test checks the templates against these).
 */
public final class ReportPaths {
    /** The reports' directory under the project's build directory. */
    public static final String DIRECTORY_NAME = "dtf-reports";
    /** The same from the project's base directory with Maven's default build directory. */
    public static final String DEFAULT_DIRECTORY = "target/" + DIRECTORY_NAME;
    /** Surefire-format JUnit XML, one file per test class. */
    public static final String JUNIT_PREFIX = "TEST-";
    public static final String JUNIT_SUFFIX = ".xml";
    public static final String JUNIT_GLOB = JUNIT_PREFIX + "*" + JUNIT_SUFFIX;
    /** What a CI's JUnit step reads, from the project's base directory. */
    public static final String DEFAULT_JUNIT_GLOB = DEFAULT_DIRECTORY + "/" + JUNIT_GLOB;
    public static final String SUMMARY_JSON = "summary.json";
    public static final String SUMMARY_MARKDOWN = "summary.md";
    public static final String HTML = "index.html";
    public static final String BADGE = "badge.json";
    /** The environment variable GitHub Actions names its step-summary file in. */
    public static final String GITHUB_STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    private ReportPaths() {
    }
}
