package io.dtf.cli;

import io.dtf.model.TaskResult;
import io.dtf.wire.Json;
import io.dtf.wire.SafeText;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dtf results RUN}: every attempt of a run, from a DuckDB file or a running grid's aggregator. */
@Command(name = "results", description = "Print a run's results (every attempt) from a DuckDB file or a running grid.")
final class ResultsCommand implements Callable<Integer> {
    enum OutputFormat { table, json, csv }

    @Parameters(paramLabel = "RUN", description = "The run id (`dtf status` lists them).")
    String runId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    GridOptions grid;

    @Option(names = "--task", paramLabel = "TASK", description = "Only this task's attempts: its attempt history, "
            + "with why each attempt failed and what was decided after it.")
    String task;

    @Option(names = "--db", paramLabel = "FILE", description = "DuckDB file (default: dtf-data/dtf.duckdb). "
            + "A running node holds its file open: ask its grid with --grid instead.")
    Path db;

    @Override
    public Integer call() {
        List<TaskResult> results;
        try (ResultSource source = ResultSource.open(db, grid)) {
            results = source.results(runId, task);
            if (results.isEmpty()) {
                System.err.println(SafeText.line(task == null
                        ? "dtf: no results of run '" + runId + "' in " + source.name()
                        : "dtf: no results of task '" + task + "' of run '" + runId + "' in " + source.name()
                        + "; `dtf status " + runId + "` lists its tasks"));
                return ExitCodes.USAGE;
            }
            List<Long> conflicts = source.conflicts(runId);
            if (!conflicts.isEmpty()) {
                System.err.println(SafeText.line(conflictWarning(conflicts)));
            }
        } catch (ResultSource.ResultSourceException e) {
            System.err.println("dtf: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        System.out.print(switch (format) {
            case json -> Json.writeReport(results) + "\n";
            case csv -> csv(results);
            case table -> table(results);
        });
        return ExitCodes.OK;
    }

    /** Said on stderr, so the results on stdout stay machine-readable. */
    static String conflictWarning(List<Long> keys) {
        return "dtf: warning: " + keys.size() + (keys.size() == 1 ? " result of this run was" : " results of this run were")
                + " delivered twice with different content; both are kept (" + (keys.size() == 1 ? "key " : "keys ")
                + keys.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + "): see ingest_conflicts in the DuckDB file";
    }

    private static String table(List<TaskResult> results) {
        TextTable t = new TextTable("seq", "task", "attempt", "final", "status", "hardware class", "time", "exit",
                "metrics (mean)", "category", "then", "error");
        for (TaskResult r : results) {
            t.row(r.seq(), r.taskId(), r.attempt(), r.finalAttempt() ? "yes" : "no", r.status(), r.hwClass(),
                    Format.seconds(Format.seconds(r)), r.exitCode(), Format.metrics(r.metrics()), r.category(),
                    r.finalAttempt() ? null : r.decision(), r.error());
        }
        return t.toString();
    }

    /** JSON with every character outside ASCII escaped (as &#92;u001b): the same data, nothing a terminal acts on. */
    private static String csv(List<TaskResult> results) {
        StringBuilder out = new StringBuilder("seq,run,task,attempt,final,status,hw_class,node,started_at,ended_at,exit_code,metric,unit,mean,samples,error,category,decision\n");
        for (TaskResult r : results) {
            if (r.metrics().isEmpty()) {
                line(out, r, "", "", "", "");
            }
            r.metrics().forEach(m -> line(out, r, m.name(), m.unit(), String.valueOf(m.mean()),
                    m.samples().stream().map(String::valueOf).reduce((a, b) -> a + ";" + b).orElse("")));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, TaskResult r, String metric, String unit, String mean, String samples) {
        Object[] cells = {r.seq(), r.runId(), r.taskId(), r.attempt(), r.finalAttempt(), r.status(), r.hwClass(),
                r.nodeId(), r.startedAt(), r.endedAt(), r.exitCode(), metric, unit, mean, samples, r.error(), r.category(),
                r.decision()};
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? "" : ",").append(quote(cells[i]));
        }
        out.append('\n');
    }

    /** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
    private static String quote(Object cell) {
        String s = cell == null ? "" : SafeText.lines(cell.toString());
        return s.matches("(?s).*[,\"\\r\\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
