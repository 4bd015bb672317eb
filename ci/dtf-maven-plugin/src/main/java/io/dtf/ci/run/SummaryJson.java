package io.dtf.ci.run;

import io.dtf.ci.report.TestOutcome;
import io.dtf.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The smallest report: every outcome as JSON in {@code summary.json}. */
public final class SummaryJson implements TestReports {
    @Override
    public void write(List<TestOutcome> outcomes, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("summary.json"), Json.writeReport(outcomes));
    }
}
