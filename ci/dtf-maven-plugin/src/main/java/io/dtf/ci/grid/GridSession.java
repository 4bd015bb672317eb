package io.dtf.ci.grid;

import io.dtf.artifact.LocalArtifact;
import io.dtf.artifact.UploadReport;
import io.dtf.model.AnalysisReply;
import io.dtf.model.RunView;
import io.dtf.model.TestDuration;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What the plugin asks of a grid: the part of the Java client it uses. Calls fail with a
 * {@link GridException} whose message says what went wrong and where.
 */
public interface GridSession extends AutoCloseable {
    /** Makes the grid hold these artifacts, sending only those it lacks. */
    UploadReport upload(List<LocalArtifact> artifacts);

    /** Submits a suite; the coordinator's warnings about it go to {@code onWarning}. Returns the run id. */
    String submit(Suite suite, Consumer<String> onWarning);

    /** Waits until the run has ended, handing each attempt's result to {@code onResult} as it arrives. */
    RunView await(String runId, Duration timeout, Consumer<TaskResult> onResult) throws TimeoutException;

    /** Cancels a run: waiting tasks leave the queue, running ones are stopped. */
    void cancel(String runId);

    /** The aggregator's analysis of the series of this run (regressions against their history). */
    AnalysisReply analyze(String runId);

    /**
     * How long the suite's test classes took in its past runs, per hardware class; empty when the grid
     * has no aggregator or no history yet.
     */
    List<TestDuration> testDurations(String suite);

    /** The task slots of the grid's live workers (at least 1): how many tasks a plan should fill. */
    int slots();

    @Override
    void close();
}
