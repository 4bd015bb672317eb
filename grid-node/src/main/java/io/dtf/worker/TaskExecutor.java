package io.dtf.worker;

import io.dtf.benchmark.Benchmarks;
import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.JmhAction;
import io.dtf.model.JunitAction;
import io.dtf.model.TaskAction;
import io.dtf.model.TaskSpec;
import io.dtf.worker.artifact.ArtifactFiles;
import io.dtf.worker.benchmark.BenchmarkRunner;
import io.dtf.worker.command.CommandRunner;
import io.dtf.worker.jvm.JmhTaskRunner;
import io.dtf.worker.jvm.JunitTaskRunner;
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
 * another worker may run them. So do {@code junit} and {@code jmh} tasks, which run the submitter's code
 * in a JVM of the worker's own {@code java} (the name its allow-list must have) on a class path of
 * artifacts the executor finds through its {@link ArtifactFiles}; an executor made without them
 * answers those tasks ERROR. See docs/TASK-TYPES.md.
 */
public final class TaskExecutor {
    /** The timeout of a task that states none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    static final String COMMANDS_DISABLED =
            "this worker does not run command tasks (its operator did not start it with --allow-commands)";
    static final String NO_ARTIFACTS = "this worker has no store of artifacts, so it cannot fetch the class path";

    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);

    private final boolean allowCommands;
    private final CommandRunner commands;
    private final BenchmarkRunner benchmarks;
    private final JunitTaskRunner junit;
    private final JmhTaskRunner jmh;

    /** An executor with the standard runners: built-in and class-path benchmarks; no junit or jmh tasks. */
    public TaskExecutor(boolean allowCommands) {
        this(allowCommands, new CommandRunner(), new BenchmarkRunner(Benchmarks.standard()));
    }

    /** An executor without artifacts: junit and jmh tasks are ERROR ({@link #NO_ARTIFACTS}). */
    public TaskExecutor(boolean allowCommands, CommandRunner commands, BenchmarkRunner benchmarks) {
        this(allowCommands, commands, benchmarks, null);
    }

    /**
     * @param artifacts where the class paths of junit and jmh tasks are found on this worker; null for none
     */
    public TaskExecutor(boolean allowCommands, CommandRunner commands, BenchmarkRunner benchmarks,
                        ArtifactFiles artifacts) {
        this.allowCommands = allowCommands;
        this.commands = commands;
        this.benchmarks = benchmarks;
        this.junit = artifacts == null ? null : new JunitTaskRunner(commands, artifacts);
        this.jmh = artifacts == null ? null : new JmhTaskRunner(commands, artifacts);
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
            if (action instanceof JunitAction || action instanceof JmhAction) {
                String refusal = !allowCommands ? jvmTasksDisabled(action)
                        : junit == null ? action.typeName() + " task " + spec.id() + ": " + NO_ARTIFACTS : null;
                if (refusal != null) {
                    return AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE, refusal);
                }
                return action instanceof JunitAction test ? junit.run(test, spec.id(), timeout)
                        : jmh.run((JmhAction) action, spec.id(), timeout);
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

    private static String jvmTasksDisabled(TaskAction action) {
        return "this worker does not run " + action.typeName() + " tasks, which run the submitter's code (its operator"
                + " did not start it with --allow-commands)";
    }
}
