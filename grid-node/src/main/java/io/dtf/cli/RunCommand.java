package io.dtf.cli;

import io.dtf.client.DtfClient;
import io.dtf.client.GridLostException;
import io.dtf.client.SubmissionRefusedException;
import io.dtf.model.CancelReply;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.suite.SuiteValidationException;
import io.dtf.wire.SafeText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dtf run SUITE}: runs a suite to the end, on an embedded node or on a grid. */
@Command(name = "run", description = {
        "Run a suite and wait for it: on an embedded one-node grid by default, or on a running grid with --grid.",
        "Exit code 0 when every task passed, 1 when a task failed, 3 for an invalid suite, 4 when the grid failed.",
        "Ctrl-C cancels the run and waits a few seconds for its tasks to stop (exit code 130); again exits at once."})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SUITE", description = "Suite file (YAML or JSON).")
    Path suiteFile;

    @Mixin
    GridOptions grid;

    @Mixin
    DataDirOptions data;

    @Option(names = "--config", paramLabel = "FILE", description = "Embedded node's Spring config (default: config/ignite-default.xml).")
    Path config;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "24h",
            description = "Give up waiting after this long: 90s, 10m, 1h30m or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--verbose", description = "Show log lines on the console.")
    boolean verbose;

    @Option(names = "--detach", description = "With --grid: submit, print the run id and how to follow or cancel it, and exit.")
    boolean detach;

    /** The suite file as read, with the artifacts to upload before submitting. */
    private PackedSuite packed;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        DtfCli.configureLogging(data.dir(), verbose);
        Suite suite;
        try {
            packed = PackedSuite.load(suiteFile);
            suite = packed.suite();
        } catch (SuiteValidationException e) {
            e.errors().forEach(err -> System.err.println(SafeText.line(err.toString())));
            System.err.println(e.errors().size() + " error(s); nothing was run.");
            return ExitCodes.INVALID_SUITE;
        }
        if (detach && !grid.given()) {
            System.err.println("dtf: --detach needs --grid: the embedded node would end with this process");
            return ExitCodes.USAGE;
        }
        if (grid.given()) {
            try (DtfClient client = grid.connect()) {
                out.println("suite " + suite.name() + ": " + suite.tasks().size() + " tasks on grid " + grid.address());
                return follow(client, suite, out, null);
            }
        }
        Path cfg = config != null ? config : DtfCli.home().resolve("config/ignite-default.xml");
        out.println("suite " + suite.name() + ": " + suite.tasks().size() + " tasks on an embedded node (starting...)");
        try (DtfNode node = DtfNode.start(NodeOptions.embedded(cfg, data.dir()))) {
            out.println("node up: hardware class " + node.attributes().get("dtf.hw.class") + ", "
                    + node.attributes().get("dtf.slots") + " slots");
            DtfClient client = DtfClient.over(node.coordinator(Duration.ofSeconds(30)), node::failure);
            return follow(client, suite, out, node);
        }
    }

    private int follow(DtfClient client, Suite suite, PrintStream out, DtfNode embedded) throws InterruptedException {
        String runId;
        try {
            packed.upload(client, out); // the artifacts of junit and jmh tasks the grid lacks, before the tasks
        } catch (IllegalArgumentException e) {
            System.err.println("dtf: " + SafeText.line(e.getMessage()));
            return ExitCodes.INVALID_SUITE;
        }
        try {
            runId = client.submit(suite, warning -> System.err.println("dtf: warning: " + SafeText.line(warning)));
        } catch (SubmissionRefusedException e) {
            e.errors().forEach(err -> System.err.println(SafeText.line(err)));
            return ExitCodes.INVALID_SUITE;
        }
        out.println("run " + runId);
        if (detach) {
            out.println("detached: the run goes on. Follow it with `dtf status " + runId + " --grid " + grid.address()
                    + "`, cancel it with `dtf cancel " + runId + " --grid " + grid.address() + "`");
            return ExitCodes.OK;
        }
        try (CtrlC ctrlC = CtrlC.onFirstPress(() -> cancelOnCtrlC(client, runId))) {
            return watch(client, runId, suite.tasks().size(), out, embedded, ctrlC);
        } catch (GridLostException e) {
            System.err.println(embedded != null ? "\ndtf: the run is lost: " + e.getMessage()
                    : "\ndtf: " + e.getMessage() + "; if the grid is still up elsewhere, the run goes on: `dtf status "
                    + runId + " --grid " + grid.address() + "`");
            return ExitCodes.GRID_ERROR;
        }
    }

    private static void cancelOnCtrlC(DtfClient client, String runId) {
        System.err.println("\ndtf: Ctrl-C: cancelling run " + runId + " (Ctrl-C again exits without waiting)");
        try {
            CancelReply reply = client.cancel(runId);
            System.err.println("dtf: " + reply.dequeued() + " waiting task(s) dequeued, " + reply.stopping()
                    + " running attempt(s) being stopped");
        } catch (RuntimeException e) {
            System.err.println("dtf: cancelling run " + runId + " failed: " + Errors.describe(e));
        }
    }

    private int watch(DtfClient client, String runId, int tasks, PrintStream out, DtfNode embedded, CtrlC ctrlC)
            throws InterruptedException {
        Progress progress = new Progress(out, tasks, System.console() != null);
        List<TaskResult> results = new ArrayList<>();
        RunView view;
        try {
            view = client.await(runId, timeout, r -> {
                results.add(RunSummary.withoutOutput(r));
                progress.onResult(r);
            }, progress::onProgress);
        } catch (TimeoutException e) {
            progress.finish();
            System.err.println("dtf: " + SafeText.lines(e.getMessage()) + "; the run goes on: `dtf status " + runId + "`");
            return ExitCodes.GRID_ERROR;
        }
        progress.finish();
        out.println();
        out.print(RunSummary.render(results));
        boolean stored = embedded == null || readBack(embedded, runId, results, out);
        int flaky = view.count(TaskState.FLAKY);
        if (ctrlC.pressed()) {
            out.println("CANCELLED: run " + runId + " was cancelled by Ctrl-C; " + view.count(TaskState.CANCELLED)
                    + " of " + view.total() + " tasks CANCELLED");
            return CtrlC.EXIT_CODE;
        }
        out.println(view.passed() ? "PASSED: all " + view.total() + " tasks passed"
                + (flaky > 0 ? ", " + flaky + " of them FLAKY (passed only on a retry)" : "")
                : "FAILED: " + (view.total() - view.count(TaskState.PASSED) - flaky) + " of " + view.total()
                + " tasks did not pass" + (view.count(TaskState.CANCELLED) > 0
                        ? " (" + view.count(TaskState.CANCELLED) + " CANCELLED)" : ""));
        if (!stored) {
            return ExitCodes.GRID_ERROR;
        }
        return view.passed() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }

    /**
     * Waits for the embedded node's replica to hold the run, then reads the run back from the file and
     * compares it with what the run produced: "stored" is said only of what was read back.
     */
    private static boolean readBack(DtfNode embedded, String runId, List<TaskResult> results, PrintStream out)
            throws InterruptedException {
        Path file = embedded.dataDir().resolve(DtfNode.DUCKDB_FILE);
        if (embedded.replicator().isEmpty() || embedded.resultStore().isEmpty()) {
            System.err.println("dtf: this node keeps no DuckDB file (no aggregator role): results are not stored");
            return false;
        }
        long last = results.stream().mapToLong(TaskResult::seq).max().orElse(0);
        boolean caughtUp = embedded.replicator().get().awaitIngested(last, Duration.ofSeconds(60));
        ReadBack check = ReadBack.compare(results, embedded.resultStore().get().results(runId));
        if (check.complete()) {
            out.println("results stored in " + file + " (run " + runId + ", " + results.size()
                    + " results read back)");
            return true;
        }
        System.err.println("dtf: results of run " + runId + " NOT all stored in " + file + ": " + check.describe()
                + (caughtUp ? "" : "; the replica was still catching up after 60 s"));
        return false;
    }
}
