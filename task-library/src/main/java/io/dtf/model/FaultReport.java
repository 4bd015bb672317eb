package io.dtf.model;

import java.time.Instant;
import java.util.List;

/**
 * What went wrong in a stretch of history ({@link FaultQuery}) and what the grid did about it, from the
 * aggregator's DuckDB file: failed attempts by failure category and whether they were retried, attempts
 * lost with their node (failovers), failures per worker, quarantines and releases from the audit log, and
 * the flakiest tasks and tests. Attempts stored before failure categories existed count under the default
 * category of their status ({@link FailureCategory#defaultFor}).
 *
 * @param from           the earliest instant covered: the query's {@code since}, else when its oldest run began;
 *                       null when unbounded and nothing is stored
 * @param to             the latest: the query's {@code until}, else null (up to now)
 * @param runs           runs with an attempt in the stretch
 * @param attempts       attempts in the stretch
 * @param failedAttempts attempts that did not pass (a user's cancellation is not a failure)
 * @param retried        failed attempts after which the task ran again
 * @param categories     failed attempts per category, every category that occurred, the most first
 * @param failoverCount  attempts lost with their node or their coordinator, all of them
 * @param failovers      the latest of those, newest first, at most the query's limit
 * @param workers        failures per node that ran attempts, the most failures first
 * @param quarantines    quarantines and releases the audit log recorded in the stretch, newest first
 * @param flaky          the flakiest tasks and tests, the most flaky runs first
 */
public record FaultReport(
        Instant from,
        Instant to,
        long runs,
        long attempts,
        long failedAttempts,
        long retried,
        List<Category> categories,
        long failoverCount,
        List<Failover> failovers,
        List<Worker> workers,
        List<Quarantine> quarantines,
        List<Flaky> flaky) {

    public FaultReport {
        categories = List.copyOf(categories);
        failovers = List.copyOf(failovers);
        workers = List.copyOf(workers);
        quarantines = List.copyOf(quarantines);
        flaky = List.copyOf(flaky);
    }

    /**
     * The failed attempts of one category.
     *
     * @param category       a {@link FailureCategory} name (text, so that a newer category still reads)
     * @param infrastructure whether it is the machine's failure rather than the task's
     * @param retried        attempts after which the task ran again
     * @param ended          attempts that ended their task
     */
    public record Category(String category, boolean infrastructure, long attempts, long retried, long ended) {
    }

    /**
     * An attempt lost with its node (it left the grid, category {@code NODE_LEFT}; or it stopped and killed the
     * attempt, which then reported CANCELLED and ran again) or with its coordinator.
     *
     * @param retriedOn the node of the task's next attempt; null when none followed (yet)
     */
    public record Failover(String runId, String suite, String taskId, String taskName, int attempt, String nodeId,
                           String hwClass, Instant endedAt, String category, String error, String decision,
                           String retriedOn) {
    }

    /**
     * One node's attempts in the stretch.
     *
     * @param failures        attempts that did not pass
     * @param infraFailures   of those, the machine's (node left, resources, crash, infrastructure)
     * @param lost            of those, lost with the node (it left the grid or stopped) or with the coordinator
     * @param failureRate     failures / attempts
     * @param lastFailureAt   when its latest failed attempt ended; null when none did
     */
    public record Worker(String nodeId, String hwClass, long attempts, long failures, long infraFailures,
                         long lost, double failureRate, Instant lastFailureAt) {
    }

    /**
     * A quarantine or release from the audit log.
     *
     * @param action {@code quarantine} or {@code release}
     * @param nodeId the worker, as the entry names it; null when it names none
     * @param detail the entry's text: until when and why, or who released it (untrusted text: escape it)
     */
    public record Quarantine(Instant at, String action, String nodeId, String detail) {
    }

    /**
     * A task or test that both failed and passed within a run (a task that ended FLAKY; a test that failed and
     * passed, or was marked FLAKY).
     *
     * @param kind      {@code task} or {@code test}
     * @param name      a task's name, or a test's class and method ({@code com.example.ParserTest#parses})
     * @param runs      runs in the stretch in which it ran
     * @param flakyRuns of those, runs in which it was flaky
     * @param lastRunId the latest run in which it was flaky
     */
    public record Flaky(String kind, String suite, String name, long runs, long flakyRuns, String lastRunId) {
    }
}
