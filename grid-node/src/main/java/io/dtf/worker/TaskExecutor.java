package io.dtf.worker;

import io.dtf.benchmark.Benchmarks;
import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskAction;
import io.dtf.model.TaskSpec;
import io.dtf.worker.benchmark.BenchmarkRunner;
import io.dtf.worker.command.CommandRunner;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a task on this worker: picks the runner for the task's action and enforces
 * the task's timeout.
 *
 * <pre>{@code
 * TaskExecutor executor = new TaskExecutor(true);          // this worker runs command tasks
 * AttemptOutcome outcome = executor.execute(spec, checkpoints);
 * if (!outcome.status().isSuccess()) log.info(outcome.category() + ": " + outcome.error());
 * }</pre>
 *
 * <p>It never throws for a task's failure: a failure is an outcome with status FAILED, ERROR or
 * TIMED_OUT, a message and the most specific {@link FailureCategory} the worker could tell
 * ({@link FailureClassifier}). Command tasks run arbitrary programs, so a worker runs them only when
 * it opted in ({@code allowCommands}); otherwise they are ERROR with {@code INFRASTRUCTURE}, since
 * another worker may run them. See docs/TASK-TYPES.md.
 */
public final class TaskExecutor {
    /** The timeout of a task that states none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    static final String COMMANDS_DISABLED =
            "this worker does not run command tasks (its operator did not start it with --allow-commands)";

    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);

    private final boolean allowCommands;
    private final CommandRunner commands;
    private final BenchmarkRunner benchmarks;

    /** An executor with the standard runners: built-in and class-path benchmarks. */
    public TaskExecutor(boolean allowCommands) {
        this(allowCommands, new CommandRunner(), new BenchmarkRunner(Benchmarks.standard()));
    }

    public TaskExecutor(boolean allowCommands, CommandRunner commands, BenchmarkRunner benchmarks) {
        this.allowCommands = allowCommands;
        this.commands = commands;
        this.benchmarks = benchmarks;
    }

    /** Runs {@code spec} once without checkpoints; see {@link #execute(TaskSpec, CheckpointStore)}. */
    public AttemptOutcome execute(TaskSpec spec) {
        return execute(spec, CheckpointStore.NONE);
    }

    /**
     * Runs {@code spec} once and reports how it ended; blocks until then (at most about its timeout).
     * The attempt restores the state an earlier attempt of the task saved in {@code checkpoints}, and
     * saves its own there as it goes.
     */
    public AttemptOutcome execute(TaskSpec spec, CheckpointStore checkpoints) {
        Instant started = Instant.now();
        Duration timeout = spec.timeout() == null ? DEFAULT_TIMEOUT : spec.timeout();
        if (timeout.isZero() || timeout.isNegative()) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION,
                    "task " + spec.id() + ": timeout must be positive, got " + timeout);
        }
        TaskAction action = spec.action();
        try {
            // Pattern matching over the sealed TaskAction (a switch on types is still a preview in Java 17).
            if (action instanceof CommandAction command) {
                return allowCommands
                        ? commands.run(command, spec.id(), spec.params(), timeout, checkpoints)
                        : AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE, COMMANDS_DISABLED);
            }
            if (action instanceof BenchmarkAction benchmark) {
                return benchmarks.run(benchmark, spec.params(), timeout, checkpoints);
            }
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION,
                    "task " + spec.id() + " has no action this worker can run");
        } catch (RuntimeException e) {
            // A bug of ours, not the task's: still an outcome, so the coordinator can retry elsewhere.
            LOG.error("task {}: the worker failed to run it", spec.id(), e);
            return AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE,
                    "worker error running task " + spec.id() + ": " + e);
        }
    }
}
