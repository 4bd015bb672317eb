package io.dtf.worker.command;

import io.dtf.checkpoint.CheckpointException;
import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import io.dtf.worker.FailureClassifier;
import io.dtf.worker.FailureClassifier.Failure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link CommandAction} as a process on this machine and reports how it ended.
 *
 * <pre>{@code
 * AttemptOutcome outcome = new CommandRunner().run(
 *         new CommandAction(List.of("sh", "-c", "echo DTF_METRIC latency=12.5 ms"), Map.of(), null),
 *         "task-1", Map.of("size", "1MiB"), Duration.ofMinutes(5));
 * }</pre>
 *
 * <ul>
 *   <li>What may run: the program must be on the worker's {@link ExecutableAllowList} (when it has
 *       one), checked before anything starts; a refused one is ERROR with {@code BAD_DEFINITION}.
 *       With {@link CommandLimits} the program starts through {@code prlimit}.
 *   <li>Environment: a clean one ({@link CommandEnvironment}: never the worker's own variables, whose
 *       secrets a task must not read), plus the action's {@code env}, plus {@code DTF_TASK_ID},
 *       {@code DTF_ATTEMPT_ID}, {@code DTF_ATTEMPT_DIR}, {@code DTF_PARAM_<NAME>} per param (see {@link #paramVariable}),
 *       {@code DTF_CHECKPOINT_FILE} and, when an earlier attempt saved one, {@code DTF_RESUMED=1}.
 *   <li>Checkpoints: what the command writes to {@code DTF_CHECKPOINT_FILE} is saved to the task's
 *       {@link CheckpointStore} while it runs and once more when it ends ({@link CheckpointFile}).
 *       A checkpoint the store cannot load, or a version it cannot save while the command runs (the
 *       process tree is then killed), makes the attempt ERROR with {@code INFRASTRUCTURE}: retried,
 *       never run on as if nothing had been saved.
 *   <li>Standard input is closed (reads see end of file). The working directory is a fresh one of
 *       the attempt's own ({@code DTF_ATTEMPT_DIR}), or the action's {@code workdir} if the worker
 *       allows it ({@link AttemptDirectories}); the attempt's directory is removed afterwards, or
 *       kept for a while when the attempt failed, with its path at the end of the error.
 *   <li>stdout and stderr are drained concurrently; the last {@link #DEFAULT_TAIL_BYTES} of each are
 *       kept, and stdout lines are read for metrics while they stream ({@link MetricLineParser}).
 *   <li>Exit code 0 is PASSED. Any other is classified by {@link FailureClassifier}: FAILED for a
 *       plain non-zero exit, ERROR for a crash, running out of memory or a bad definition (a missing
 *       executable or workdir, exit 126 or 127). Past the timeout the whole process tree is killed
 *       and the attempt is TIMED_OUT. Processes the command leaves running after it exits are killed too.
 * </ul>
 * Task failures never throw: they are outcomes.
 */
public final class CommandRunner {
    /** How much of each of stdout and stderr is kept: the end, where the failure usually is. */
    public static final int DEFAULT_TAIL_BYTES = 64 * 1024;

    /** The attempt's own directory, also when the task runs in a {@code workdir} of its own. */
    public static final String ATTEMPT_DIR_VARIABLE = "DTF_ATTEMPT_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    // The output pipes close when the process tree is gone; this only bounds a pathological wait.
    private static final long PUMP_JOIN_MILLIS = 5_000;

    private final int tailBytes;
    private final AttemptDirectories directories;
    private final CommandPolicy policy;
    private final Map<String, String> workerEnvironment;
    private final CommandLimits.Launcher limiter;

    /** A runner of any program, whose attempts work in directories under the system's temporary directory. */
    public CommandRunner() {
        this(DEFAULT_TAIL_BYTES, AttemptDirectories.temporary());
    }

    public CommandRunner(int tailBytes) {
        this(tailBytes, AttemptDirectories.temporary());
    }

    /** A runner of any program, without limits. */
    public CommandRunner(int tailBytes, AttemptDirectories directories) {
        this(tailBytes, directories, CommandPolicy.ANY);
    }

    /** A runner that enforces {@code policy}'s allow-list, limits and passed variables. */
    public CommandRunner(int tailBytes, AttemptDirectories directories, CommandPolicy policy) {
        this(tailBytes, directories, policy, System.getenv());
    }

    /** As above, with the worker's environment given (the variables a command must not see, in tests). */
    public CommandRunner(int tailBytes, AttemptDirectories directories, CommandPolicy policy,
                         Map<String, String> workerEnvironment) {
        if (tailBytes < 1) {
            throw new IllegalArgumentException("tailBytes must be positive, got " + tailBytes);
        }
        this.tailBytes = tailBytes;
        this.directories = directories;
        this.policy = policy;
        this.workerEnvironment = Map.copyOf(workerEnvironment);
        this.limiter = policy.limits().isEmpty() ? null
                : CommandLimits.launcher(CommandEnvironment.searchPath(this.workerEnvironment));
    }

    /** The variable that carries a param: {@code block-size} becomes {@code DTF_PARAM_BLOCK_SIZE}. */
    public static String paramVariable(String param) {
        return CommandAction.paramVariable(param);
    }

    public AttemptDirectories directories() {
        return directories;
    }

    /** Runs {@code action} without checkpoints (see the method below). */
    public AttemptOutcome run(CommandAction action, String taskId, Map<String, String> params, Duration timeout) {
        return run(action, taskId, params, timeout, CheckpointStore.NONE);
    }

    /**
     * Runs {@code action} for task {@code taskId} and waits for it, at most {@code timeout}; the
     * command's checkpoint file is restored from and saved to {@code checkpoints}.
     * If the calling thread is interrupted, the process tree is killed and the outcome is CANCELLED.
     */
    public AttemptOutcome run(CommandAction action, String taskId, Map<String, String> params, Duration timeout,
                              CheckpointStore checkpoints) {
        Instant started = Instant.now();
        if (action.argv().isEmpty()) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION,
                    "command task " + taskId + " has an empty argv");
        }
        Path attemptDir;
        try {
            attemptDir = directories.create(taskId);
        } catch (IOException | RuntimeException e) {
            return AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE,
                    "cannot create the attempt's working directory under " + directories.root() + ": " + e);
        }
        AttemptOutcome outcome = run(action, taskId, params, timeout, checkpoints, started, attemptDir, false);
        return finish(attemptDir, outcome);
    }

    /**
     * Runs the command {@code attempt} prepares in a fresh attempt directory, for task {@code taskId},
     * at most {@code timeout}, and answers what {@code attempt} makes of its outcome. The allow-list is
     * checked for {@link PreparedAttempt#program()} before anything is prepared. No params, no checkpoints.
     */
    public AttemptOutcome run(String taskId, Duration timeout, PreparedAttempt attempt) {
        Instant started = Instant.now();
        Optional<String> refused = policy.allowList().refusal(attempt.program(),
                CommandEnvironment.searchPath(workerEnvironment), directories.root());
        if (refused.isPresent()) {
            LOG.info("task {}: refused to start '{}': not on this worker's allow-list", taskId, attempt.program());
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION, refused.get());
        }
        Path attemptDir;
        try {
            attemptDir = directories.create(taskId);
        } catch (IOException | RuntimeException e) {
            return AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE,
                    "cannot create the attempt's working directory under " + directories.root() + ": " + e);
        }
        AttemptOutcome outcome;
        try {
            CommandAction action = attempt.prepare(attemptDir);
            outcome = attempt.finish(attemptDir,
                    run(action, taskId, Map.of(), timeout, CheckpointStore.NONE, started, attemptDir, true));
        } catch (PreparedAttempt.Refusal e) {
            outcome = AttemptOutcome.error(started, e.category(), e.getMessage());
        } catch (RuntimeException e) {
            directories.finish(attemptDir, true); // a bug of ours: keep what the attempt left, for a look
            throw e;
        }
        return finish(attemptDir, outcome);
    }

    /** Removes the attempt's directory, or keeps it when the attempt failed and says where in the error. */
    private AttemptOutcome finish(Path attemptDir, AttemptOutcome outcome) {
        boolean keep = outcome.status() != TaskState.PASSED && outcome.status() != TaskState.CANCELLED;
        String kept = directories.finish(attemptDir, keep);
        return kept == null ? outcome : new AttemptOutcome(outcome.status(), outcome.startedAt(), outcome.endedAt(),
                outcome.exitCode(), outcome.metrics(), outcome.stdoutTail(), outcome.stderrTail(),
                outcome.error() == null ? kept : outcome.error() + "; " + kept, outcome.category(), outcome.tests());
    }

    /** @param programChecked whether the allow-list already allowed the program (a {@link PreparedAttempt}'s) */
    private AttemptOutcome run(CommandAction action, String taskId, Map<String, String> params, Duration timeout,
                               CheckpointStore checkpoints, Instant started, Path attemptDir, boolean programChecked) {
        Path workdir;
        try {
            workdir = directories.workdir(action.workdir(), attemptDir);
        } catch (IllegalArgumentException e) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION, e.getMessage());
        }
        String program = action.argv().get(0);
        String searchPath = CommandEnvironment.searchPath(workerEnvironment);
        Optional<String> refused = programChecked ? Optional.empty()
                : policy.allowList().refusal(program, searchPath, workdir);
        if (refused.isPresent()) {
            LOG.info("task {}: refused to start '{}': not on this worker's allow-list", taskId, program);
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION, refused.get());
        }
        Optional<String> loader = policy.allowList().allowsAny() ? Optional.empty()
                : action.env().keySet().stream().filter(CommandRunner::loaderVariable).findFirst();
        if (loader.isPresent()) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION, "env " + loader.get()
                    + " is refused on a worker with an allow-list of programs: it would make an allowed program load"
                    + " other code; remove it from the task's env");
        }
        ProcessBuilder builder;
        try {
            builder = new ProcessBuilder(limited(action.argv(), searchPath, workdir));
        } catch (IllegalStateException e) {
            return AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE, e.getMessage());
        } catch (IllegalArgumentException e) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION, e.getMessage());
        }
        builder.directory(workdir.toFile());
        String attemptId = UUID.randomUUID().toString();
        Map<String, String> env = builder.environment();
        try {
            CommandEnvironment.fill(env, workerEnvironment, policy.passedVariables(), attemptDir,
                    directories.temporaryDirectory(attemptDir));
        } catch (IOException e) {
            return AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE,
                    "cannot create the attempt's temporary directory in " + attemptDir + ": " + e);
        }
        try {
            env.putAll(action.env());
            params.forEach((name, value) -> env.put(paramVariable(name), value));
        } catch (IllegalArgumentException e) { // a NUL or '=' the operating system cannot pass: the task's, not ours
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION,
                    "an env or param value cannot be passed to a process: " + e.getMessage());
        }
        // Set last, so that a task cannot spoof the ids the worker relies on.
        env.put("DTF_TASK_ID", taskId);
        env.put(ProcessTree.ATTEMPT_VARIABLE, attemptId);
        env.put(ATTEMPT_DIR_VARIABLE, attemptDir.toString());

        CheckpointFile checkpoint;
        try {
            checkpoint = CheckpointFile.open(checkpoints, taskId);
        } catch (CheckpointException e) {
            return AttemptOutcome.error(started, FailureCategory.INFRASTRUCTURE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            FailureCategory category = FailureClassifier.resourceExhaustedLine(String.valueOf(e.getMessage()))
                    .isPresent() ? FailureCategory.RESOURCE_EXHAUSTED : FailureCategory.INFRASTRUCTURE;
            return AttemptOutcome.error(started, category, "cannot prepare the attempt's checkpoint file: " + e);
        }
        try (checkpoint) {
            checkpoint.export(env);
            return start(builder, attemptId, taskId, timeout, started, checkpoint);
        }
    }

    /** Variables that make the dynamic loader load code into any program (LD_PRELOAD, DYLD_INSERT_LIBRARIES, ...). */
    private static boolean loaderVariable(String name) {
        return name.startsWith("LD_") || name.startsWith("DYLD_");
    }

    /**
     * {@code argv} as started: through {@code prlimit} when the worker sets limits, with the program
     * looked up here on the worker's {@code PATH} (as the JVM does without limits), not on the one a
     * task's {@code env} may set, which the allow-list never saw.
     */
    private List<String> limited(List<String> argv, String searchPath, Path workdir) {
        if (limiter == null) {
            return argv;
        }
        if (limiter.program() == null) {
            throw new IllegalStateException(limiter.unavailable());
        }
        String program = argv.get(0);
        Path file = ExecutableAllowList.locate(program, searchPath, workdir).orElseThrow(() ->
                new IllegalArgumentException("cannot start '" + program + "': error=2, No such file or directory"));
        List<String> resolved = new ArrayList<>(argv);
        resolved.set(0, file.toString());
        return policy.limits().wrap(limiter.program(), resolved);
    }

    private AttemptOutcome start(ProcessBuilder builder, String attemptId, String taskId, Duration timeout,
                                 Instant started, CheckpointFile checkpoint) {
        OptionalLong oomKillsBefore = KernelOomKills.count();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return AttemptOutcome.error(started, FailureClassifier.ofStartFailure(reason),
                    "cannot start '" + builder.command().get(0) + "': " + reason);
        }
        ProcessTree tree = new ProcessTree(process, attemptId);
        checkpoint.watch(tree::killAll);
        AttemptOutcome outcome = supervise(process, tree, taskId, timeout, started, oomKillsBefore);
        checkpoint.close(); // the file's last version is saved before the outcome is reported
        Optional<String> stoppedBy = checkpoint.stoppedBy();
        if (stoppedBy.isPresent() && !outcome.status().isSuccess()) {
            // Killed by the worker, not crashed: the grid failed, and the retry resumes from the last stored state.
            return new AttemptOutcome(TaskState.ERROR, outcome.startedAt(), outcome.endedAt(), outcome.exitCode(),
                    outcome.metrics(), outcome.stdoutTail(), outcome.stderrTail(),
                    "stopped the command: " + stoppedBy.get(), FailureCategory.INFRASTRUCTURE);
        }
        return checkpoint.problem() == null ? outcome : withNote(outcome, checkpoint.problem());
    }

    /** Appends a line of the worker's to the stderr tail, where the task's author will look. */
    private static AttemptOutcome withNote(AttemptOutcome o, String note) {
        String stderr = o.stderrTail().isEmpty() || o.stderrTail().endsWith("\n") ? o.stderrTail()
                : o.stderrTail() + "\n";
        return new AttemptOutcome(o.status(), o.startedAt(), o.endedAt(), o.exitCode(), o.metrics(), o.stdoutTail(),
                stderr + "[dtf worker] " + note + "\n", o.error(), o.category());
    }

    private AttemptOutcome supervise(Process process, ProcessTree tree, String taskId, Duration timeout,
                                     Instant started, OptionalLong oomKillsBefore) {
        closeQuietly(process);
        OutputTail stdout = new OutputTail(tailBytes);
        OutputTail stderr = new OutputTail(tailBytes);
        MetricLineParser metrics = new MetricLineParser();
        Thread outPump = startPump(new OutputPump(process.getInputStream(), stdout, metrics), taskId, "stdout");
        Thread errPump = startPump(new OutputPump(process.getErrorStream(), stderr, null), taskId, "stderr");

        TaskState status;
        Integer exitCode = null;
        String error = null;
        boolean interrupted = false;
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                exitCode = process.exitValue();
                status = TaskState.PASSED;
                int leftovers = tree.killAll();
                if (leftovers > 0) {
                    LOG.info("task {} left {} processes running after it exited; killed them", taskId, leftovers);
                }
            } else {
                int killed = tree.killAll();
                status = TaskState.TIMED_OUT;
                error = "timed out after " + human(timeout) + "; killed the process"
                        + (killed > 0 ? " and " + killed + " processes it started" : "");
            }
        } catch (InterruptedException e) {
            interrupted = true;
            tree.killAll();
            status = TaskState.CANCELLED;
            error = "cancelled: the worker stopped waiting for the command and killed it";
        }
        interrupted |= join(outPump, taskId);
        interrupted |= join(errPump, taskId);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        String stderrText = stderr.text();
        FailureCategory category = FailureCategory.defaultFor(status);
        if (exitCode != null) {
            Optional<Failure> failure = FailureClassifier.ofExit(exitCode, stderrText,
                    exitCode != 0 && KernelOomKills.roseSince(oomKillsBefore));
            if (failure.isPresent()) {
                status = failure.get().status();
                category = failure.get().category();
                error = failure.get().reason();
            }
        }
        AttemptOutcome outcome = new AttemptOutcome(status, started, Instant.now(), exitCode, metrics.metrics(),
                stdout.text(), stderrText, error, category);
        // The result keeps bounded metrics: say what was left out, where the task's author looks.
        return metrics.ignoredLines() == 0 ? outcome : withNote(outcome, metrics.ignoredLines()
                + " metric lines ignored: malformed, or beyond the limits of " + MetricLineParser.DEFAULT_MAX_METRICS
                + " metrics and " + MetricLineParser.DEFAULT_MAX_SAMPLES + " samples per attempt");
    }

    private static Thread startPump(OutputPump pump, String taskId, String stream) {
        Thread thread = new Thread(pump, "dtf-" + stream + "-" + taskId);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for a pump to drain; returns whether this thread was interrupted meanwhile. */
    private static boolean join(Thread pump, String taskId) {
        boolean interrupted = Thread.interrupted();
        try {
            pump.join(PUMP_JOIN_MILLIS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (pump.isAlive()) {
            LOG.warn("task {}: {} still open after the process ended; reporting the output read so far",
                    taskId, pump.getName());
        }
        return interrupted;
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing to close if the process is already gone.
        }
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
