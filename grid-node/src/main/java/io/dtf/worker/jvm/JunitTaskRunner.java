package io.dtf.worker.jvm;

import io.dtf.junit.runner.JunitRunnerMain;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.JunitAction;
import io.dtf.model.TaskState;
import io.dtf.worker.artifact.ArtifactFiles;
import io.dtf.worker.command.CommandRunner;
import io.dtf.worker.command.PreparedAttempt;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a {@link JunitAction}: the JUnit Platform launcher in a JVM of its own on the task's class path
 * (the project's own launcher and engines, plus the jar of {@link JunitRunnerMain}, last), one
 * {@link io.dtf.model.TestCase} per test, the totals as metrics.
 *
 * <pre>{@code
 * JunitTaskRunner junit = new JunitTaskRunner(commandRunner, artifactFiles);
 * AttemptOutcome outcome = junit.run(action, "unit-tests#1", Duration.ofMinutes(10));
 * outcome.tests().forEach(t -> System.out.println(t.status() + " " + t.className() + "#" + t.method()));
 * }</pre>
 *
 * How the outcome is decided is {@link JunitVerdict}'s; see docs/TASK-TYPES.md, "junit tasks".
 */
public final class JunitTaskRunner {
    private static final Pattern SELECTOR = Pattern.compile("(class|method|package|uid):\\S.*");

    private final CommandRunner commands;
    private final ArtifactFiles files;

    public JunitTaskRunner(CommandRunner commands, ArtifactFiles files) {
        this.commands = commands;
        this.files = files;
    }

    public AttemptOutcome run(JunitAction action, String taskId, Duration timeout) {
        String invalid = invalid(action);
        if (invalid != null) {
            return AttemptOutcome.error(Instant.now(), FailureCategory.BAD_DEFINITION, "junit task " + taskId + ": "
                    + invalid);
        }
        return commands.run(taskId, timeout, new Attempt(action, timeout));
    }

    /** What is wrong with the action as written, or null. */
    static String invalid(JunitAction action) {
        if (action.selectors().isEmpty()) {
            return "selectors is empty; name at least one test, e.g. class:com.example.ParserTest";
        }
        for (String selector : action.selectors()) {
            if (!SELECTOR.matcher(selector).matches() || selector.chars().anyMatch(c -> c < 0x20)) {
                return "selector '" + selector + "' is not one of class:NAME, method:CLASS#METHOD, package:NAME,"
                        + " uid:UNIQUE-ID (on one line)";
            }
        }
        for (List<String> tags : List.of(action.includeTags(), action.excludeTags())) {
            for (String tag : tags) {
                if (tag.isBlank() || tag.chars().anyMatch(c -> c < 0x20)) {
                    return (tags == action.includeTags() ? "includeTags" : "excludeTags") + " has '" + tag
                            + "'; a tag expression is one non-empty line, e.g. fast & !slow";
                }
            }
        }
        if (action.classpath().isEmpty()) {
            return "classpath is empty; it needs the test classes, their dependencies and junit-platform-launcher";
        }
        return JvmOptions.invalidProperties(action.systemProperties());
    }

    /** The jar (or, in a build, the class directory) that holds the runner, found where its class was loaded from. */
    static Path runnerLocation() {
        CodeSource source = JunitRunnerMain.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where " + JunitRunnerMain.class.getName()
                    + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the location of " + JunitRunnerMain.class.getName() + ": "
                    + source.getLocation(), e);
        }
    }

    private final class Attempt implements PreparedAttempt {
        private final JunitAction action;
        private final Duration timeout;

        Attempt(JunitAction action, Duration timeout) {
            this.action = action;
            this.timeout = timeout;
        }

        @Override
        public String program() {
            return JavaCommand.PROGRAM;
        }

        @Override
        public CommandAction prepare(Path attemptDir) throws Refusal {
            List<Path> classPath = new ArrayList<>(TaskClassPath.resolve(action.classpath(), files));
            try {
                classPath.add(runnerLocation());
            } catch (IllegalStateException e) {
                throw new Refusal(FailureCategory.INFRASTRUCTURE, e.getMessage());
            }
            String workdir = TaskClassPath.workdir(action.workdir(), files, attemptDir);
            Path dtf = JvmOptions.workerDirectory(attemptDir);
            Path request = dtf.resolve("junit-request.txt");
            StringBuilder text = new StringBuilder("records ").append(records(attemptDir)).append('\n');
            action.selectors().forEach(s -> text.append("select ").append(s).append('\n'));
            action.includeTags().forEach(t -> text.append("include ").append(t).append('\n'));
            action.excludeTags().forEach(t -> text.append("exclude ").append(t).append('\n'));
            try {
                Files.writeString(request, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new Refusal(FailureCategory.INFRASTRUCTURE, "cannot write the run request " + request + ": " + e);
            }
            List<String> jvmArgs = JvmOptions.jvmArgs(attemptDir, action.jvmArgs());
            List<String> argv = JavaCommand.argv(dtf, classPath, jvmArgs, action.systemProperties(),
                    JunitRunnerMain.class.getName(), List.of(request.toString()));
            return new CommandAction(argv, action.env(), workdir);
        }

        @Override
        public AttemptOutcome finish(Path attemptDir, AttemptOutcome command) {
            TestRecords records;
            try {
                records = TestRecords.read(records(attemptDir));
            } catch (IOException e) {
                boolean passed = command.status().isSuccess();
                return new AttemptOutcome(passed ? TaskState.ERROR : command.status(), command.startedAt(),
                        command.endedAt(), command.exitCode(), command.metrics(), command.stdoutTail(),
                        command.stderrTail(), "cannot read the test records: " + e,
                        passed ? FailureCategory.INFRASTRUCTURE : command.category());
            }
            return JunitVerdict.of(command, records, action, timeout);
        }

        private Path records(Path attemptDir) {
            return attemptDir.resolve(JvmOptions.WORKER_DIRECTORY).resolve("tests.jsonl");
        }
    }
}
