package io.dtf.cli;

import io.dtf.benchmark.Benchmarks;
import io.dtf.client.ClientOptions;
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
import io.dtf.suite.SuiteLoader;
import io.dtf.suite.SuiteValidationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
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

    @Option(names = "--grid", paramLabel = "HOST:PORT", description = "Submit to a running grid instead of an embedded node.")
    String grid;

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token for a secured grid.")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "dtf-data",
            description = "Embedded node's data: DuckDB file, logs, work files (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Embedded node's Spring config (default: config/ignite-default.xml).")
    Path config;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT24H",
            description = "Give up waiting after this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--verbose", description = "Show log lines on the console.")
    boolean verbose;

    @Option(names = "--detach", description = "With --grid: submit, print the run id and how to follow or cancel it, and exit.")
    boolean detach;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        DtfCli.configureLogging(dataDir, verbose);
        Suite suite;
        try {
            suite = SuiteLoader.load(suiteFile, Benchmarks::isKnown);
        } catch (SuiteValidationException e) {
            e.errors().forEach(err -> System.err.println(err));
            System.err.println(e.errors().size() + " error(s); nothing was run.");
            return ExitCodes.INVALID_SUITE;
        }
        if (detach && grid == null) {
            System.err.println("dtf: --detach needs --grid: the embedded node would end with this process");
            return ExitCodes.USAGE;
        }
        if (grid != null) {
            try (DtfClient client = DtfClient.connect(ClientOptions.of(grid).withToken(token))) {
                out.println("suite " + suite.name() + ": " + suite.tasks().size() + " tasks on grid " + grid);
                return follow(client, suite, out, null);
            }
        }
        Path cfg = config != null ? config : DtfCli.home().resolve("config/ignite-default.xml");
        out.println("suite " + suite.name() + ": " + suite.tasks().size() + " tasks on an embedded node (starting...)");
        try (DtfNode node = DtfNode.start(NodeOptions.embedded(cfg, dataDir))) {
            out.println("node up: hardware class " + node.attributes().get("dtf.hw.class") + ", "
                    + node.attributes().get("dtf.slots") + " slots");
            DtfClient client = DtfClient.over(node.coordinator(Duration.ofSeconds(30)), node::failure);
            return follow(client, suite, out, node);
        }
    }

    private int follow(DtfClient client, Suite suite, PrintStream out, DtfNode embedded) throws InterruptedException {
        String runId;
        try {
            runId = client.submit(suite);
        } catch (SubmissionRefusedException e) {
            e.errors().forEach(System.err::println);
            return ExitCodes.INVALID_SUITE;
        }
        out.println("run " + runId);
        if (detach) {
            out.println("detached: the run goes on. Follow it with `dtf status " + runId + " --grid " + grid
                    + "`, cancel it with `dtf cancel " + runId + " --grid " + grid + "`");
            return ExitCodes.OK;
        }
        try (CtrlC ctrlC = CtrlC.onFirstPress(() -> cancelOnCtrlC(client, runId))) {
            return watch(client, runId, suite.tasks().size(), out, embedded, ctrlC);
        } catch (GridLostException e) {
            System.err.println(embedded != null ? "\ndtf: the run is lost: " + e.getMessage()
                    : "\ndtf: " + e.getMessage() + "; if the grid is still up elsewhere, the run goes on: `dtf status "
                    + runId + " --grid " + grid + "`");
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
                results.add(r);
                progress.onResult(r);
            }, progress::onProgress);
        } catch (TimeoutException e) {
            progress.finish();
            System.err.println("dtf: " + e.getMessage() + "; the run goes on: `dtf status " + runId + "`");
            return ExitCodes.GRID_ERROR;
        }
        progress.finish();
        out.println();
        out.print(RunSummary.render(results));
        if (embedded != null) {
            long last = results.stream().mapToLong(TaskResult::seq).max().orElse(0);
            boolean stored = embedded.replicator().isPresent()
                    && embedded.replicator().get().awaitIngested(last, Duration.ofSeconds(60));
            out.println((stored ? "results stored in " : "results NOT all stored yet in ")
                    + embedded.dataDir().resolve(DtfNode.DUCKDB_FILE) + " (run " + runId + ")");
        }
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
        return view.passed() ? ExitCodes.OK : ExitCodes.TASKS_FAILED;
    }
}
