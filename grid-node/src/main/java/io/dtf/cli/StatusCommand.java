package io.dtf.cli;

import io.dtf.client.DtfClient;
import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dtf status [RUN]}: the runs of a grid, or one run's tasks with the reason each waits. */
@Command(name = "status", description = "Show the grid's runs, or one run's tasks and why queued tasks wait.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", arity = "0..1", description = "A run id; omit to list all runs.")
    String runId;

    @Mixin
    GridOptions grid;

    @Override
    public Integer call() {
        try (DtfClient client = grid.connect()) {
            if (runId == null) {
                TextTable table = new TextTable("run", "suite", "submitted", "done", "passed", "failed", "state");
                for (RunView r : client.runs()) {
                    table.row(r.runId(), r.suite(), r.submittedAt(), r.done() + "/" + r.total(),
                            r.count(TaskState.PASSED), r.done() - r.count(TaskState.PASSED), state(r));
                }
                System.out.print(table);
                return ExitCodes.OK;
            }
            RunView run = client.status(runId);
            if (run == null) {
                System.err.println("dtf: no run '" + runId + "' on this grid; `dtf status` lists the runs");
                return ExitCodes.USAGE;
            }
            System.out.println("run " + run.runId() + " (" + run.suite() + "): " + state(run) + ", " + run.done() + "/"
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
        return r.passed() ? "PASSED" : "FAILED";
    }
}
