package io.dtf.ci.run;

import io.dtf.ci.grid.GridSession;
import io.dtf.ci.plan.TestBatch;
import io.dtf.ci.report.TestOutcome;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TestCase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.maven.plugin.logging.Log;

/**
 * Runs a plan's batches on the grid and reruns what fails: the batches go as one run; each finished
 * task is logged as it arrives; then the failed tests go again, each class's as a task of its own
 * selecting only them, up to {@code retries} rounds. A test that failed and then passed is FLAKY.
 */
public final class TestRun {
    private final GridSession grid;
    private final JunitTasks tasks;
    private final Log log;
    private final int retries;
    private final Duration runTimeout;
    private final String suiteName;
    private final List<String> runIds = new ArrayList<>();

    public TestRun(GridSession grid, JunitTasks tasks, Log log, int retries, Duration runTimeout, String suiteName) {
        if (retries < 0) {
            throw new IllegalArgumentException("dtf.retries must be 0 or more, got " + retries);
        }
        this.grid = grid;
        this.tasks = tasks;
        this.log = log;
        this.retries = retries;
        this.runTimeout = runTimeout;
        this.suiteName = suiteName;
    }

    /**
     * Runs the batches and returns every test's outcome.
     *
     * @throws TimeoutException when a round has not ended within the run timeout (the round is cancelled)
     */
    public List<TestOutcome> run(List<TestBatch> batches) throws TimeoutException {
        TestLedger ledger = new TestLedger();
        List<TestBatch> round = batches;
        for (int n = 0; n <= retries && !round.isEmpty(); n++) {
            if (n > 0) {
                log.info(String.format(Locale.ROOT, "Rerunning the failed tests (%d of %d): %d task(s)", n, retries,
                        round.size()));
            }
            runRound(n, round, ledger);
            round = ledger.reruns();
        }
        return ledger.outcomes();
    }

    /** The ids of the runs submitted, first round first. */
    public List<String> runIds() {
        return List.copyOf(runIds);
    }

    private void runRound(int n, List<TestBatch> batches, TestLedger ledger) throws TimeoutException {
        Map<String, TestBatch> byTask = new LinkedHashMap<>();
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            String id = String.format(Locale.ROOT, n == 0 ? "tests-%04d" : "rerun" + n + "-%04d", i + 1);
            byTask.put(id, batches.get(i));
            specs.add(tasks.task(id, batches.get(i)));
        }
        String runId = grid.submit(new Suite(n == 0 ? suiteName : suiteName + "-rerun" + n, specs),
                warning -> log.warn(warning));
        runIds.add(runId);
        log.info("Run " + runId + ": " + specs.size() + " task(s)");
        try {
            grid.await(runId, runTimeout, result -> {
                TestBatch batch = byTask.get(result.taskId());
                if (batch == null) {
                    return;
                }
                if (!result.finalAttempt()) {
                    log.info("  " + result.taskId() + " attempt " + result.attempt() + " " + result.status() + " on "
                            + result.nodeId() + ": " + result.decision());
                    return;
                }
                if (n == 0) {
                    ledger.record(batch, result);
                } else {
                    ledger.recordRerun(batch, result);
                }
                report(batch, result);
            });
        } catch (TimeoutException e) {
            try {
                grid.cancel(runId);
            } catch (RuntimeException cancelFailed) {
                log.warn("could not cancel run " + runId + ": " + cancelFailed.getMessage());
            }
            throw new TimeoutException("the tests did not finish within dtf.runTimeout (" + runTimeout + "); run "
                    + runId + " was cancelled: " + e.getMessage());
        }
    }

    private void report(TestBatch batch, TaskResult result) {
        String line = ResultLine.of(batch, result);
        List<TestCase> failed = result.tests().stream().filter(t -> TestLedger.failed(t.status())).toList();
        if (failed.isEmpty() && result.status().isSuccess()) {
            log.info(line);
            return;
        }
        log.error(line + " <<< FAILURE!");
        failed.forEach(t -> log.error(ResultLine.failure(t)));
    }
}
