package io.dtf.ci.run;

import io.dtf.ci.report.TestOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes what the CI reads from a finished test run into {@code directory} (target/dtf-reports). */
public interface TestReports {
    void write(List<TestOutcome> outcomes, Path directory) throws IOException;
}
