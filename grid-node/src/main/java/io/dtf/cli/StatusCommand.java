package io.dtf.cli;

import io.dtf.client.DtfClient;
import io.dtf.model.CoordinatorView;
import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.model.WorkerView;
import io.dtf.wire.SafeText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dtf status [RUN]}: the runs of a grid, or one run's tasks with the reason each waits. */
@Command(name = "status", description = "Show which node hosts the coordinator, then the grid's runs, or one run's "
        + "tasks and why queued tasks wait.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "0..1", description = "A run id; omit to list all runs.")
    String runId;

    @Mixin
    GridOptions grid;

    @Override
    public Integer call() {
        try (DtfClient client = grid.connect()) {
            CoordinatorView coordinator = client.coordinator();
            System.out.println(SafeText.line("coordinator on "
                    + (coordinator.host() == null ? "an unnamed host" : coordinator.host())
                    + " (node " + coordinator.nodeId() + ", " + String.join(",", coordinator.addresses()) + ")"));
            if (runId == null) {
                TextTable table = new TextTable("run", "suite", "submitted", "done", "passed", "flaky", "failed",
                        "state");
                for (RunView r : client.runs()) {
                    int passed = r.count(TaskState.PASSED);
                    int flaky = r.count(TaskState.FLAKY);
                    table.row(r.runId(), r.suite(), r.submittedAt(), r.done() + "/" + r.total(), passed, flaky,
                            r.done() - passed - flaky, state(r));
                }
                System.out.print(table);
                for (WorkerView w : client.workers()) {
                    if (w.quarantinedUntil() != null) {
                        System.out.println("worker " + w.nodeId() + " QUARANTINED until " + w.quarantinedUntil() + ": "
                                + SafeText.line(w.quarantineReason()) + " (`dtf worker release " + w.nodeId().substring(0, 8)
                                + "` ends it)");
                    }
                }
                return ExitCodes.OK;
            }
            RunView run = client.status(runId);
            if (run == null) {
                System.err.println("dtf: no run '" + runId + "' on this grid; `dtf status` lists the runs");
                return ExitCodes.USAGE;
            }
            System.out.println("run " + SafeText.line(run.runId()) + " (" + SafeText.line(run.suite()) + "): " + state(run) + ", " + run.done() + "/"
                    + run.total() + " done, counts " + run.counts());
            List<TaskView> tasks = client.tasks(runId);
            TextTable table = new TextTable("task", "state", "attempts", "priority", "node", "hardware class", "waiting because");
            for (TaskView t : tasks) {
                table.row(t.taskId(), t.state(), t.attempts(), t.priority(),
                        t.nodeId() == null ? null : t.nodeId().substring(0, 8), t.hwClass(), t.waitingReason());
            }
            System.out.print(table);
            return ExitCodes.OK;
        }
    }

    private static String state(RunView r) {
        if (!r.isDone()) {
            return "RUNNING";
        }
        if (r.count(TaskState.CANCELLED) > 0) {
            return "CANCELLED";
        }
        if (!r.passed()) {
            return "FAILED";
        }
        return r.count(TaskState.FLAKY) > 0 ? "PASSED (" + r.count(TaskState.FLAKY) + " flaky)" : "PASSED";
    }
}
