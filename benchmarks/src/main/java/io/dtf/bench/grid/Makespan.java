package io.dtf.bench.grid;

import io.dtf.model.TaskResult;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One measured run of the skewed suite: its makespan against the lower bound no placement can
 * beat, on the speeds the workers really had in this run.
 *
 * <p>A worker's speed is the work it did over the time its tasks ran (iterations per second); the
 * bound is the larger of the total work over the sum of all speeds (every worker busy until the
 * end) and the longest task on the fastest worker. A worker that ran nothing counts at the speed
 * {@code calibrated} gives it.
 *
 * @param placement the coordinator's placement
 * @param makespan  submission to the last task's end
 * @param workers   per worker: its class and what it did
 */
record Makespan(String placement, Duration makespan, Map<String, WorkerShare> workers, long totalWork,
                long longestTask, List<String> longTasksOn) {

    /** What one worker did in the run. */
    record WorkerShare(String name, int tasks, long work, double busySeconds, double speed) {
    }

    static Makespan of(String placement, Instant submitted, List<TaskResult> results, Map<String, String> names,
                       Map<String, Double> calibrated) {
        List<TaskResult> finals = results.stream().filter(TaskResult::finalAttempt).toList();
        Instant last = finals.stream().map(TaskResult::endedAt).max(Comparator.naturalOrder()).orElse(submitted);
        Map<String, WorkerShare> workers = new LinkedHashMap<>();
        for (Map.Entry<String, String> w : names.entrySet()) {
            List<TaskResult> mine = finals.stream().filter(r -> w.getKey().equals(r.nodeId())).toList();
            long work = mine.stream().mapToLong(r -> SpinTasks.iterations(r.params())).sum();
            double busy = mine.stream().mapToDouble(r -> Duration.between(r.startedAt(), r.endedAt()).toMillis() / 1000.0).sum();
            double speed = work > 0 && busy > 0 ? work / busy : calibrated.getOrDefault(w.getKey(), 0.0);
            workers.put(w.getKey(), new WorkerShare(w.getValue(), mine.size(), work, busy, speed));
        }
        long longest = finals.stream().mapToLong(r -> SpinTasks.iterations(r.params())).max().orElse(0);
        List<String> longOn = finals.stream().filter(r -> SpinTasks.iterations(r.params()) == longest)
                .map(r -> names.getOrDefault(r.nodeId(), r.nodeId())).sorted().toList();
        return new Makespan(placement, Duration.between(submitted, last), workers,
                finals.stream().mapToLong(r -> SpinTasks.iterations(r.params())).sum(), longest, longOn);
    }

    double boundSeconds() {
        double capacity = workers.values().stream().mapToDouble(WorkerShare::speed).sum();
        double fastest = workers.values().stream().mapToDouble(WorkerShare::speed).max().orElse(0);
        return Math.max(totalWork / capacity, longestTask / fastest);
    }

    double seconds() {
        return makespan.toMillis() / 1000.0;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%-20s makespan %6.1f s   bound %6.1f s   makespan / bound %.2f   longest tasks on: %s%n",
                placement, seconds(), boundSeconds(), seconds() / boundSeconds(), String.join(", ", longTasksOn));
        out.println("    " + workers.values().stream().map(w -> String.format(Locale.ROOT,
                "%s %d tasks, %.1f M it, busy %.1f s, %.2f M it/s", w.name(), w.tasks(), w.work() / 1e6, w.busySeconds(),
                w.speed() / 1e6)).collect(Collectors.joining("; ")));
    }
}
