package io.dtf.worker.jvm;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.JmhAction;
import io.dtf.worker.artifact.ArtifactFiles;
import io.dtf.worker.command.CommandRunner;
import io.dtf.worker.command.PreparedAttempt;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link JmhAction}: {@code org.openjdk.jmh.Main} in a JVM of its own on the task's class path
 * (the project's benchmarks and its JMH), with the task's include regex and options, and the worker's
 * own {@code -rf json -rff FILE -o FILE}; the JSON result becomes one metric per benchmark and
 * parameter set ({@link JmhResults}), its human log names the benchmarks that threw ({@link JmhLog}).
 *
 * <pre>{@code
 * AttemptOutcome outcome = new JmhTaskRunner(commandRunner, artifactFiles).run(
 *         new JmhAction(classpath, ".*Parse.*", List.of("-f", "1", "-wi", "2", "-i", "5"), List.of(), Map.of(), null),
 *         "parse-bench#1", Duration.ofMinutes(20));
 * // metrics: com.example.ParseBench.parse[size=100] ops/s [812.1, 830.4, ...]
 * }</pre>
 */
public final class JmhTaskRunner {
    static final String MAIN = "org.openjdk.jmh.Main";
    /** JMH options that set where its results go: the worker's to choose. */
    static final Set<String> WORKER_OPTIONS = Set.of("-rf", "-rff", "-o");

    private final CommandRunner commands;
    private final ArtifactFiles files;

    public JmhTaskRunner(CommandRunner commands, ArtifactFiles files) {
        this.commands = commands;
        this.files = files;
    }

    public AttemptOutcome run(JmhAction action, String taskId, Duration timeout) {
        String invalid = invalid(action);
        if (invalid != null) {
            return AttemptOutcome.error(Instant.now(), FailureCategory.BAD_DEFINITION, "jmh task " + taskId + ": "
                    + invalid);
        }
        return commands.run(taskId, timeout, new Attempt(action));
    }

    /** What is wrong with the action as written, or null. */
    static String invalid(JmhAction action) {
        if (action.classpath().isEmpty()) {
            return "classpath is empty; it needs the benchmark classes (compiled with JMH's annotation processor),"
                    + " their dependencies and jmh-core";
        }
        if (action.include().startsWith("-")) {
            return "include '" + action.include() + "' starts with '-', which JMH would read as an option;"
                    + " put options in options";
        }
        for (String option : action.options()) {
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (WORKER_OPTIONS.contains(name) || WORKER_OPTIONS.contains(name.replaceFirst("^--", "-"))) {
                return "options has " + name + ", which the worker sets (it reads JMH's JSON result from a file of"
                        + " its own); remove " + String.join(", ", List.of("-rf", "-rff", "-o")) + " from options";
            }
        }
        return null;
    }

    private final class Attempt implements PreparedAttempt {
        private final JmhAction action;

        Attempt(JmhAction action) {
            this.action = action;
        }

        @Override
        public String program() {
            return JavaCommand.PROGRAM;
        }

        @Override
        public CommandAction prepare(Path attemptDir) throws Refusal {
            List<Path> classPath = TaskClassPath.resolve(action.classpath(), files);
            String workdir = TaskClassPath.workdir(action.workdir(), files, attemptDir);
            Path dtf = JvmOptions.workerDirectory(attemptDir);
            List<String> args = new ArrayList<>();
            if (!action.include().isEmpty()) {
                args.add(action.include());
            }
            args.addAll(action.options());
            args.addAll(List.of("-rf", "json", "-rff", result(attemptDir).toString(),
                    "-o", log(attemptDir).toString()));
            List<String> jvmArgs = JvmOptions.jvmArgs(attemptDir, action.jvmArgs());
            List<String> argv = JavaCommand.argv(dtf, classPath, jvmArgs, Map.of(), MAIN, args);
            return new CommandAction(argv, action.env(), workdir);
        }

        @Override
        public AttemptOutcome finish(Path attemptDir, AttemptOutcome command) {
            return JmhVerdict.of(command, action, result(attemptDir), log(attemptDir));
        }

        private Path result(Path attemptDir) {
            return attemptDir.resolve(JvmOptions.WORKER_DIRECTORY).resolve("jmh-result.json");
        }

        private Path log(Path attemptDir) {
            return attemptDir.resolve(JvmOptions.WORKER_DIRECTORY).resolve("jmh.log");
        }
    }
}
