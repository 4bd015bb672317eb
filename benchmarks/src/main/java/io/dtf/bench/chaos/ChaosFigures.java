package io.dtf.bench.chaos;

import io.dtf.model.FailureCategory;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a run under kills cost, read from its result rows (every attempt, with the worker's start
 * time) and the kills sent.
 *
 * <ul>
 *   <li><b>lost</b>: tasks of the suite with no final result, or whose final result did not pass.</li>
 *   <li><b>final twice</b>: tasks with more than one final result.</li>
 *   <li><b>extra attempts</b>: non-final result rows (an attempt that did not end its task), by category.</li>
 *   <li><b>kill to loss recorded</b>: for each attempt that ran on a killed worker (a non-final row
 *       with the worker's node id), from the kill to the row's {@code endedAt}, when the coordinator
 *       recorded the attempt as lost.</li>
 *   <li><b>kill to retry started</b>: for the same attempts, from the kill to the {@code startedAt}
 *       of the task's next attempt, taken on the worker that runs it. It includes failure
 *       detection, the retry backoff (250 to 500 ms for a first retry) and any wait for a free slot.</li>
 * </ul>
 */
record ChaosFigures(int tasks, long completed, long noFinal, long failed, long finalTwice, long extraAttempts,
                    Map<FailureCategory, Long> extraByCategory, List<KillCost> workerKills, long unexplainedLosses) {

    /**
     * The attempts one worker kill cost, with their delays in milliseconds.
     *
     * @param downMs  from the kill until the worker's next life was up (the grid noticing the death,
     *                the launcher, the JVM and Ignite starting); null if it did not come back
     */
    record KillCost(Kill kill, List<Long> recordedMs, List<Long> retryStartedMs, Long downMs) {
    }

    /** @param upAgain for each killed node id, when its place's next life was up */
    static ChaosFigures of(Suite suite, List<TaskResult> results, List<Kill> kills, Map<String, Instant> upAgain) {
        Map<String, List<TaskResult>> byTask = results.stream().collect(Collectors.groupingBy(TaskResult::taskId));
        Set<String> ids = suite.tasks().stream().map(TaskSpec::id).collect(Collectors.toSet());
        long completed = 0;
        long noFinal = 0;
        long failed = 0;
        long twice = 0;
        for (String id : ids) {
            List<TaskResult> finals = byTask.getOrDefault(id, List.of()).stream().filter(TaskResult::finalAttempt).toList();
            if (finals.isEmpty()) {
                noFinal++;
            } else if (finals.stream().allMatch(r -> r.status().isSuccess())) {
                completed++;
            } else {
                failed++;
            }
            if (finals.size() > 1) {
                twice++;
            }
        }
        List<TaskResult> extra = results.stream().filter(r -> !r.finalAttempt()).toList();
        Map<FailureCategory, Long> byCategory = new TreeMap<>(extra.stream().filter(r -> r.category() != null)
                .collect(Collectors.groupingBy(TaskResult::category, Collectors.counting())));

        List<KillCost> costs = new ArrayList<>();
        long explained = 0;
        for (Kill kill : kills) {
            if (kill.coordinator()) {
                continue;
            }
            List<Long> recorded = new ArrayList<>();
            List<Long> retried = new ArrayList<>();
            for (TaskResult lost : extra) {
                if (!lost.nodeId().equals(kill.nodeId())) {
                    continue;
                }
                explained++;
                recorded.add(millis(kill.at(), lost.endedAt()));
                byTask.get(lost.taskId()).stream().filter(r -> r.attempt() == lost.attempt() + 1).findFirst()
                        .ifPresent(next -> retried.add(millis(kill.at(), next.startedAt())));
            }
            Instant up = upAgain.get(kill.nodeId());
            costs.add(new KillCost(kill, recorded, retried, up == null ? null : millis(kill.at(), up)));
        }
        return new ChaosFigures(ids.size(), completed, noFinal, failed, twice, extra.size(), byCategory, costs,
                extra.size() - explained);
    }

    long lost() {
        return noFinal + failed;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "tasks completed                %d of %d%n", completed, tasks);
        out.printf(Locale.ROOT, "lost                           %d (no final result %d, ended without passing %d)%n",
                lost(), noFinal, failed);
        out.printf(Locale.ROOT, "final results recorded twice   %d%n", finalTwice);
        out.printf(Locale.ROOT, "extra attempts                 %d %s%n", extraAttempts, extraByCategory);
        out.printf(Locale.ROOT, "  of them on killed workers    %d; elsewhere %d%n", extraAttempts - unexplainedLosses,
                unexplainedLosses);
        List<Long> recorded = all(workerKills, KillCost::recordedMs);
        List<Long> retried = all(workerKills, KillCost::retryStartedMs);
        out.printf(Locale.ROOT, "worker kills                   %d, running %d attempt(s) between them%n",
                workerKills.size(), recorded.size());
        out.printf(Locale.ROOT, "kill -> loss recorded          median %s, max %s%n", seconds(median(recorded)),
                seconds(max(recorded)));
        out.printf(Locale.ROOT, "kill -> retry started          median %s, max %s (n=%d)%n", seconds(median(retried)),
                seconds(max(retried)), retried.size());
        List<Long> down = workerKills.stream().map(KillCost::downMs).filter(d -> d != null).sorted().toList();
        out.printf(Locale.ROOT, "kill -> worker up again        median %s, max %s; %.0f worker-seconds down in all%n",
                seconds(median(down)), seconds(max(down)), down.stream().mapToLong(Long::longValue).sum() / 1000.0);
        out.println();
        out.printf(Locale.ROOT, "%-12s %-10s %-10s %9s %14s %14s %10s%n", "kill at", "node", "node id", "attempts",
                "recorded max", "retried max", "down");
        for (KillCost c : workerKills) {
            out.printf(Locale.ROOT, "%-12s %-10s %-10s %9d %14s %14s %10s%n", c.kill().at().toString().substring(11, 23),
                    c.kill().node(), c.kill().nodeId().substring(0, 8), c.recordedMs().size(),
                    seconds(max(c.recordedMs())), seconds(max(c.retryStartedMs())), seconds(c.downMs()));
        }
    }

    private static List<Long> all(List<KillCost> costs, Function<KillCost, List<Long>> field) {
        return costs.stream().map(field).flatMap(Collection::stream).sorted().toList();
    }

    static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    static String seconds(Long ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    private static Long median(List<Long> sorted) {
        return sorted.isEmpty() ? null : sorted.get((sorted.size() - 1) / 2);
    }

    private static Long max(List<Long> values) {
        return values.stream().max(Long::compare).orElse(null);
    }
}
