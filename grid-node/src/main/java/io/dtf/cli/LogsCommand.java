package io.dtf.cli;

import io.dtf.model.TaskResult;
import io.dtf.wire.SafeText;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dtf logs RUN TASK}: what a task printed, attempt by attempt. */
@Command(name = "logs", description = {"Print what a task printed: the end of its standard output (or, with --stderr, "
        + "its error output) as kept with each attempt's result, from a running grid (--grid) or a DuckDB file.",
        "One attempt is printed as it is; several each under a header line."})
final class LogsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (`dtf status` lists them).")
    String runId;

    @Parameters(index = "1", paramLabel = "TASK", description = "The task id as `dtf status RUN` shows it "
            + "(e.g. sha256[size=64KiB]), or a task name that has one id.")
    String task;

    @Option(names = "--attempt", paramLabel = "N", description = "Only this attempt (1 is the first).")
    Integer attempt;

    @Option(names = "--stderr", description = "Print the error output instead of the standard output.")
    boolean stderr;

    @Mixin
    GridOptions grid;

    @Option(names = "--db", paramLabel = "FILE", description = "DuckDB file (default: dtf-data/dtf.duckdb). "
            + "A running node holds its file open: ask it with --grid instead.")
    Path db;

    @Override
    public Integer call() {
        List<TaskResult> results;
        String source;
        try (ResultSource from = ResultSource.open(db, grid)) {
            source = from.name();
            results = from.results(runId, null);
        } catch (ResultSource.ResultSourceException e) {
            System.err.println("dtf: " + SafeText.line(e.getMessage()));
            return ExitCodes.USAGE;
        }
        if (results.isEmpty()) {
            System.err.println(SafeText.line("dtf: no results of run '" + runId + "' in " + source));
            return ExitCodes.USAGE;
        }
        List<String> ids = taskIds(results);
        if (ids.size() > 1) {
            System.err.println(SafeText.line("dtf: '" + task + "' names " + ids.size() + " tasks of run '" + runId
                    + "': " + ids + "; give one of them"));
            return ExitCodes.USAGE;
        }
        List<TaskResult> attempts = results.stream().filter(r -> ids.contains(r.taskId())).toList();
        if (attempts.isEmpty()) {
            System.err.println(SafeText.line("dtf: run '" + runId + "' has no ended attempt of a task '" + task
                    + "' in " + source + "; `dtf status " + runId + "` lists its tasks"));
            return ExitCodes.USAGE;
        }
        if (attempt != null) {
            attempts = attempts.stream().filter(r -> r.attempt() == attempt).toList();
            if (attempts.isEmpty()) {
                System.err.println(SafeText.line("dtf: task '" + task + "' of run '" + runId + "' has no ended attempt "
                        + attempt + "; `dtf results " + runId + " --task " + task + "` lists its attempts"));
                return ExitCodes.USAGE;
            }
        }
        String stream = stderr ? "error output" : "standard output";
        if (attempts.stream().allMatch(r -> text(r).isEmpty())) {
            String numbers = attempts.stream().map(r -> String.valueOf(r.attempt())).reduce((a, b) -> a + ", " + b)
                    .orElse("");
            System.err.println(SafeText.line("dtf: task '" + task + "' of run '" + runId + "' printed nothing on its "
                    + stream + " (attempt " + numbers + ")" + (stderr ? "" : "; --stderr shows its error output")));
            return ExitCodes.OK;
        }
        for (TaskResult r : attempts) {
            if (attempts.size() > 1) {
                System.out.println(SafeText.line("== " + r.taskId() + " attempt " + r.attempt() + ": " + r.status()
                        + (r.exitCode() == null ? "" : ", exit " + r.exitCode()) + " on " + r.hwClass() + " ("
                        + stream + (text(r).isEmpty() ? ": nothing" : "") + ") =="));
            }
            // The task's own output, with newlines and tabs kept and every other control character escaped.
            String text = SafeText.lines(text(r));
            System.out.print(text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
        }
        return ExitCodes.OK;
    }

    /** The id TASK means: itself when some result has it, else the ids of the tasks so named. */
    private List<String> taskIds(List<TaskResult> results) {
        if (results.stream().anyMatch(r -> r.taskId().equals(task))) {
            return List.of(task);
        }
        return results.stream().filter(r -> task.equals(r.taskName())).map(TaskResult::taskId).distinct().toList();
    }

    private String text(TaskResult r) {
        String text = stderr ? r.stderrTail() : r.stdoutTail();
        return text == null ? "" : text;
    }
}
