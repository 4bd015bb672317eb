package io.dtf.worker.jvm;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.JmhAction;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import io.dtf.worker.command.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a {@code jmh} attempt ended, from its JVM's outcome and JMH's files, in this order:
 * <ol>
 *   <li>the timeout passed or the attempt was cancelled: as the command (JMH writes its result only at the end);
 *   <li>JMH refused its command line or found no benchmark for the include regex: ERROR, BAD_DEFINITION;
 *   <li>a benchmark threw: FAILED (TEST_FAILURE), naming it; the others' metrics are kept;
 *   <li>the JVM failed otherwise (out of memory, a crash, an exit code): ERROR as a command's exit is classified;
 *   <li>no result, or no benchmark in it: ERROR, BAD_DEFINITION;
 *   <li>else PASSED, with the metrics.
 * </ol>
 * The attempt's stdout is JMH's log (its end), after what the JVM printed itself.
 */
final class JmhVerdict {
    private static final int NAMED = 3;

    private JmhVerdict() {
    }

    static AttemptOutcome of(AttemptOutcome command, JmhAction action, Path resultFile, Path logFile) {
        JmhLog log;
        try {
            log = JmhLog.read(logFile, CommandRunner.DEFAULT_TAIL_BYTES);
        } catch (IOException e) {
            return with(command, command.status().isSuccess() ? TaskState.ERROR : command.status(),
                    command.status().isSuccess() ? FailureCategory.INFRASTRUCTURE : command.category(),
                    "cannot read JMH's log " + logFile + ": " + e, command.metrics(), command.stdoutTail());
        }
        String stdout = command.stdoutTail().isBlank() ? log.tail() : command.stdoutTail() + "\n" + log.tail();
        List<Metric> metrics = new ArrayList<>(command.metrics());
        String resultProblem = null;
        int leftOut = 0;
        if (Files.exists(resultFile)) {
            try {
                JmhResults results = JmhResults.read(resultFile);
                metrics.addAll(results.metrics);
                leftOut = results.leftOut;
            } catch (IOException e) {
                resultProblem = "cannot read JMH's result: " + e.getMessage();
            }
        } else {
            resultProblem = "JMH wrote no result";
        }
        String include = action.include().isEmpty() ? "(every benchmark)" : "'" + action.include() + "'";
        String stderr = command.stderrTail();
        if (command.status() == TaskState.TIMED_OUT || command.status() == TaskState.CANCELLED) {
            return with(command, command.status(), command.category(), command.error(), metrics, stdout);
        }
        if (log.noMatchingBenchmarks || stderr.contains("No matching benchmarks")) {
            return with(command, TaskState.ERROR, FailureCategory.BAD_DEFINITION, "no benchmark on the class path"
                    + " matches the include regex " + include + " (JMH lists them with options [-l])", metrics, stdout);
        }
        if (log.commandLineError != null || stderr.contains("Error parsing command line")) {
            String line = log.commandLineError != null ? log.commandLineError : stderr.lines()
                    .filter(l -> l.contains("Error parsing command line")).findFirst().orElse("");
            return with(command, TaskState.ERROR, FailureCategory.BAD_DEFINITION, "JMH refused the options "
                    + action.options() + ": " + line.strip(), metrics, stdout);
        }
        if (!log.failures.isEmpty()) {
            String named = log.failures.stream().limit(NAMED).map(f -> f.benchmark() + " threw " + f.exception())
                    .collect(Collectors.joining("; "));
            int more = log.failures.size() - NAMED;
            return with(command, TaskState.FAILED, FailureCategory.TEST_FAILURE, log.failures.size()
                    + " benchmark" + (log.failures.size() == 1 ? "" : "s") + " failed: " + named
                    + (more > 0 ? " and " + more + " more" : "") + " (the other benchmarks' metrics are kept)",
                    metrics, stdout);
        }
        if (!command.status().isSuccess()) {
            return with(command, command.status(), command.category(), "the JMH JVM failed: " + command.error(),
                    metrics, stdout);
        }
        if (resultProblem != null || metrics.size() == command.metrics().size()) {
            return with(command, TaskState.ERROR, FailureCategory.BAD_DEFINITION, (resultProblem != null
                    ? resultProblem : "JMH ran no benchmark") + " for the include regex " + include
                    + " and options " + action.options(), metrics, stdout);
        }
        AttemptOutcome passed = with(command, TaskState.PASSED, null, null, metrics, stdout);
        return leftOut == 0 ? passed : new AttemptOutcome(passed.status(), passed.startedAt(), passed.endedAt(),
                passed.exitCode(), passed.metrics(), passed.stdoutTail(), passed.stderrTail() + "[dtf worker] "
                + leftOut + " JMH metrics left out: beyond the limits of " + JmhResults.MAX_METRICS + " metrics and "
                + JmhResults.MAX_SAMPLES + " samples per attempt\n", null, null);
    }

    private static AttemptOutcome with(AttemptOutcome command, TaskState status, FailureCategory category, String error,
                                       List<Metric> metrics, String stdout) {
        return new AttemptOutcome(status, command.startedAt(), command.endedAt(), command.exitCode(), metrics, stdout,
                command.stderrTail(), error, category);
    }
}
