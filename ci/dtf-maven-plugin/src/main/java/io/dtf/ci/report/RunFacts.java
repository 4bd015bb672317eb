package io.dtf.ci.report;

import java.time.Duration;
import java.time.Instant;

/**
 * What the reports say about the run as a whole, beside its tests.
 *
 * @param project   the project or suite the tests belong to, e.g. {@code com.example:parser}; the
 *                  reports' title
 * @param runId     the grid's id of the run, to find it again with {@code dtf status}
 * @param startedAt when the run started (the JUnit XML's timestamps); null when unknown
 * @param wallTime  how long the run took from submission to its last result
 * @param grid      where it ran, e.g. {@code 10.0.0.1:10800} or {@code embedded (1 node)}
 */
public record RunFacts(String project, String runId, Instant startedAt, Duration wallTime, String grid) {
    public RunFacts {
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("run facts need the project's name (e.g. groupId:artifactId)");
        }
        runId = runId == null ? "" : runId;
        wallTime = wallTime == null ? Duration.ZERO : wallTime;
        if (wallTime.isNegative()) {
            throw new IllegalArgumentException("the run's wall time cannot be negative: " + wallTime);
        }
        grid = grid == null ? "" : grid;
    }
}
