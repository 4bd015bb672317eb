package io.dtf.cli;

import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The end-of-run tables: by task name and by hardware class, counting each task's final attempt. */
final class RunSummary {
    private RunSummary() {
    }

    /**
     * What the summary keeps of a result: all but its output tails, which would hold the run's whole
     * output (up to 128 KiB a result) on the heap until the run ends.
     */
    static TaskResult withoutOutput(TaskResult r) {
        return new TaskResult(r.seq(), r.runId(), r.suite(), r.taskId(), r.taskName(), r.params(), r.attempt(),
                r.finalAttempt(), r.status(), r.startedAt(), r.endedAt(), r.nodeId(), r.hwClass(), r.exitCode(),
                r.metrics(), "", "", r.error(), r.category(), r.decision(), null, r.tests());
    }

    static String render(List<TaskResult> results) {
        List<TaskResult> finals = results.stream().filter(TaskResult::finalAttempt).toList();
        Map<String, List<TaskResult>> byTask = new TreeMap<>();
        finals.forEach(r -> byTask.computeIfAbsent(series(r), k -> new ArrayList<>()).add(r));
        TextTable tasks = new TextTable("task", "runs", "passed", "flaky", "failed", "attempts", "mean time",
                "metrics (mean)");
        byTask.forEach((name, rs) -> tasks.row(name, rs.size(), count(rs, TaskState.PASSED), count(rs, TaskState.FLAKY),
                failed(rs),
                results.stream().filter(r -> series(r).equals(name)).count(),
                Format.seconds(rs.stream().mapToDouble(Format::seconds).average().orElse(Double.NaN)),
                Format.metrics(pooled(rs))));

        Map<String, List<TaskResult>> byClass = new TreeMap<>();
        finals.forEach(r -> byClass.computeIfAbsent(String.valueOf(r.hwClass()), k -> new ArrayList<>()).add(r));
        TextTable classes = new TextTable("hardware class", "tasks", "passed", "flaky", "failed");
        byClass.forEach((hw, rs) -> classes.row(hw, rs.size(), count(rs, TaskState.PASSED), count(rs, TaskState.FLAKY),
                failed(rs)));
        String note = tasks.toString().contains(Format.UNSTEADY) ? Format.UNSTEADY + ": the measured iterations still "
                + "trended after warm-up, so the figure may not be the machine's settled speed; give the task a longer "
                + "warmupTime or more iterations (docs/TASK-TYPES.md)\n" : "";
        return "By task\n" + tasks + note + "By hardware class\n" + classes;
    }

    /** The task id without its repetition suffix: repetitions of one expansion are one row. */
    private static String series(TaskResult r) {
        return r.taskId().replaceAll("#\\d+$", "");
    }

    private static long count(List<TaskResult> rs, TaskState state) {
        return rs.stream().filter(r -> r.status() == state).count();
    }

    private static long failed(List<TaskResult> rs) {
        return rs.stream().filter(r -> !r.status().isSuccess()).count();
    }

    /** Every sample of each metric name across the results, so the mean is over all of them. */
    private static List<Metric> pooled(List<TaskResult> rs) {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (TaskResult r : rs) {
            for (Metric m : r.metrics()) {
                samples.computeIfAbsent(m.name(), k -> new ArrayList<>()).addAll(m.samples());
                units.putIfAbsent(m.name(), m.unit());
            }
        }
        List<Metric> out = new ArrayList<>();
        samples.forEach((name, values) -> out.add(new Metric(name, units.get(name), values)));
        return out;
    }
}
