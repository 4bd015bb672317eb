package io.dtf.cli;

import io.dtf.client.DtfClient;
import io.dtf.model.CancelReply;
import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dtf cancel RUN [--task ID]}: cancels a run, or one of its tasks, and waits until it has ended. */
@Command(name = "cancel", description = {
        "Cancel a run (or one task of it with --task): waiting tasks leave the queue, running processes and "
                + "benchmarks are stopped on their workers, and each ends CANCELLED. Safe to repeat.",
        "Exit code 0 once cancelled, 2 for an unknown run or task, 4 when the grid failed."})
final class CancelCommand implements Callable<Integer> {
    /** How long to wait for stopped attempts to report before saying they are still stopping. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Parameters(paramLabel = "RUN", description = "The run id (`dtf status` lists them).")
    String runId;

    @Option(names = "--task", paramLabel = "ID", description = "Cancel only this task of the run.")
    String taskId;

    @Mixin
    GridOptions grid;

    @Override
    public Integer call() throws InterruptedException {
        try (DtfClient client = grid.connect()) {
            CancelReply reply;
            try {
                reply = client.cancel(runId, taskId);
            } catch (IllegalArgumentException e) {
                System.err.println("dtf: " + e.getMessage() + "; `dtf status` lists the runs, `dtf status RUN` the tasks");
                return ExitCodes.USAGE;
            }
            String what = taskId == null ? "run " + runId : "task " + taskId + " of run " + runId;
            System.out.println("cancelling " + what + ": " + reply.dequeued() + " waiting task(s) dequeued, "
                    + reply.stopping() + " running attempt(s) being stopped, " + reply.alreadyEnded()
                    + " already ended");
            if (reply.stopping() > 0 && !awaitStopped(client)) {
                System.out.println("attempts still stopping after " + WAIT.toSeconds() + " s; `dtf status " + runId
                        + "` shows them");
                return ExitCodes.OK;
            }
            RunView run = client.status(runId);
            System.out.println(what + " cancelled; run " + runId + ": " + run.done() + "/" + run.total() + " ended, "
                    + run.count(TaskState.CANCELLED) + " CANCELLED");
            return ExitCodes.OK;
        }
    }

    /** Waits until no covered task runs any more; false if some still do after {@link #WAIT}. */
    private boolean awaitStopped(DtfClient client) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            boolean running = client.tasks(runId).stream()
                    .filter(t -> taskId == null || t.taskId().equals(taskId))
                    .map(TaskView::state).anyMatch(s -> !s.isFinal());
            if (!running) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
