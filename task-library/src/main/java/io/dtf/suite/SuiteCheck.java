package io.dtf.suite;

import io.dtf.model.BenchmarkAction;
import io.dtf.model.CommandAction;
import io.dtf.model.JmhAction;
import io.dtf.model.JunitAction;
import io.dtf.model.RetryPolicy;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import io.dtf.wire.SafeText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an expanded {@link Suite}, as a client sends it to the coordinator, against the limits
 * {@link SuiteLoader} applies to a suite file ({@link SuiteLimits}). The coordinator runs it on every
 * submission: a client in another language, or raw JSON, never went through the loader.
 *
 * <pre>{@code
 * List<SuiteError> errors = SuiteCheck.check(suite, "submission");
 * // submission: task 'sha256' (#3), field 'priority': 2147483647 is out of range; priority must be between -1000 and 1000
 * }</pre>
 *
 * <p>Positions are 1-based among the expanded tasks; values echoed in a message are escaped and cut
 * short ({@link SafeText}), so a hostile value cannot reach a terminal or a log whole.
 */
public final class SuiteCheck {
    private static final int ECHO = 60;
    private static final String NUL = "holds a NUL character, which no process can be given";

    private SuiteCheck() {
    }

    /** Every reason to refuse {@code suite}; empty when it may run. {@code source} names it in the errors. */
    public static List<SuiteError> check(Suite suite, String source) {
        List<SuiteError> errors = new ArrayList<>();
        if (suite == null) {
            errors.add(new SuiteError(source, null, "no suite was sent"));
            return errors;
        }
        nameError(suite.name()).ifPresent(m -> errors.add(new SuiteError(source, "suite", m)));
        if (suite.tasks().isEmpty()) {
            errors.add(new SuiteError(source, "tasks", "at least one task is required"));
        }
        if (suite.tasks().size() > SuiteLimits.MAX_TASKS) {
            errors.add(new SuiteError(source, "tasks", suite.tasks().size() + " tasks; the limit is "
                    + SuiteLimits.MAX_TASKS + ": split the suite into several"));
            return errors;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < suite.tasks().size(); i++) {
            new TaskCheck(source, i + 1, suite.tasks().get(i), errors).check(ids);
        }
        return errors;
    }

    /** Why {@code name} is not a valid suite, entry, parameter or benchmark name; empty when it is. */
    static Optional<String> nameError(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("missing required name");
        }
        if (!MappingReader.NAME.matcher(name).matches()) {
            return Optional.of("'" + SafeText.abbreviated(name, ECHO) + "' is not a valid name; use 1 to "
                    + SuiteLimits.MAX_NAME_LENGTH + " letters, digits, '_', '.' or '-'");
        }
        return Optional.empty();
    }

    /** Why {@code id} cannot be a task id; empty when it can. Ids are names on screens and in files. */
    static Optional<String> idError(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of("missing required id");
        }
        if (id.length() > SuiteLimits.MAX_TASK_ID_LENGTH) {
            return Optional.of("the id is " + id.length() + " characters long; the limit is "
                    + SuiteLimits.MAX_TASK_ID_LENGTH + " (shorten the name or the parameter values)");
        }
        if (!SafeText.isPlain(id)) {
            return Optional.of("'" + SafeText.abbreviated(id, ECHO)
                    + "' holds control characters; an id is printed, so it may not");
        }
        return Optional.empty();
    }

    /** One task's checks, reporting against its id and position. */
    private static final class TaskCheck {
        private final String source;
        private final int position;
        private final TaskSpec task;
        private final List<SuiteError> errors;
        private final String label;

        TaskCheck(String source, int position, TaskSpec task, List<SuiteError> errors) {
            this.source = source;
            this.position = position;
            this.task = task;
            this.errors = errors;
            this.label = task == null || task.id() == null ? null : SafeText.abbreviated(task.id(), ECHO);
        }

        void check(Set<String> ids) {
            if (task == null) {
                error(null, "an empty entry in the task list");
                return;
            }
            idError(task.id()).ifPresent(m -> error("id", m));
            if (task.id() != null && !ids.add(task.id())) {
                error("id", "appears twice; task ids must be unique in a suite");
            }
            nameError(task.name()).ifPresent(m -> error("name", m));
            task.params().forEach((key, value) -> {
                nameError(key).ifPresent(m -> error("params", m));
                if (value == null || value.indexOf('\0') >= 0) {
                    error("params." + SafeText.abbreviated(key, ECHO), value == null ? "has no value" : NUL);
                }
            });
            action();
            range("priority", task.priority(), SuiteLimits.MIN_PRIORITY, SuiteLimits.MAX_PRIORITY);
            range("retries", task.retries(), 0, SuiteLimits.MAX_RETRIES);
            range("repetition", task.repetition(), 1, SuiteLimits.MAX_REPEAT);
            duration("timeout", task.timeout(), null, SuiteLimits.MAX_TIMEOUT);
            retry(task.retry());
            requirements("requires", task.requirements());
            requirements(FallbackReader.FIELD, task.fallback());
        }

        private void action() {
            if (task.action() == null) {
                error("type", "missing required action; a task is a command or a benchmark");
            } else if (task.action() instanceof CommandAction c) {
                if (c.argv().isEmpty() || c.argv().stream().anyMatch(Objects::isNull)) {
                    error("command", "expected a non-empty list of arguments without nulls");
                } else if (c.argv().stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
                    error("command", NUL);
                }
                if (c.workdir() != null && c.workdir().indexOf('\0') >= 0) {
                    error("workdir", NUL);
                } else {
                    SuitePaths.workdirError(c.workdir()).ifPresent(m -> error("workdir", m));
                }
                c.env().forEach((key, value) -> {
                    if (key == null || !EntryReader.ENV_NAME.matcher(key).matches()) {
                        error("env", "'" + SafeText.abbreviated(key, ECHO) + "' is not a variable name; use letters,"
                                + " digits and '_', not starting with a digit");
                    } else if (value == null || value.indexOf('\0') >= 0) {
                        error("env." + key, value == null ? "has no value" : NUL);
                    }
                });
            } else if (task.action() instanceof JunitAction j) {
                if (j.classpath().isEmpty()) {
                    error("classpath", "expected a non-empty list of artifacts");
                }
                if (j.selectors().isEmpty()) {
                    error("select", "expected at least one selector (class:, method:, package: or uid:)");
                }
            } else if (task.action() instanceof JmhAction m && m.classpath().isEmpty()) {
                error("classpath", "expected a non-empty list of artifacts");
            } else if (task.action() instanceof BenchmarkAction b) {
                nameError(b.benchmark()).ifPresent(m -> error("benchmark", m));
                // Unset (null) measurement settings mean the benchmark's own defaults.
                if (b.warmup() != null) {
                    range("warmup", b.warmup(), 0, SuiteLimits.MAX_WARMUP);
                }
                if (b.iterations() != null) {
                    range("iterations", b.iterations(), 1, SuiteLimits.MAX_ITERATIONS);
                }
                if (b.warmupTime() != null) {
                    duration("warmupTime", b.warmupTime(), Duration.ZERO, SuiteLimits.MAX_WARMUP_TIME);
                }
                if (b.iterationTime() != null) {
                    duration("iterationTime", b.iterationTime(), Duration.ZERO, SuiteLimits.MAX_ITERATION_TIME);
                }
            }
        }

        private void retry(RetryPolicy r) {
            range("retry.infra", r.infraRetries(), 0, SuiteLimits.MAX_INFRA_RETRIES);
            boolean backoff = duration("retry.backoff", r.backoff(), SuiteLimits.MIN_BACKOFF, SuiteLimits.MAX_BACKOFF);
            boolean max = duration("retry.maxBackoff", r.maxBackoff(), SuiteLimits.MIN_BACKOFF, SuiteLimits.MAX_BACKOFF);
            if (backoff && max && r.maxBackoff().compareTo(r.backoff()) < 0) {
                error("retry.maxBackoff", "maxBackoff " + show(r.maxBackoff()) + " is less than backoff "
                        + show(r.backoff()) + "; it caps every delay, so it must be at least backoff");
            }
        }

        private void requirements(String field, List<Requirement> requirements) {
            if (requirements.stream().anyMatch(Objects::isNull)) {
                error(field, "holds an empty requirement");
                return;
            }
            RequirementConflicts.find(requirements).forEach(c -> error(field, c));
        }

        private void range(String field, long value, long min, long max) {
            if (value < min || value > max) {
                error(field, value + " is out of range; " + field + " must be between " + min + " and " + max);
            }
        }

        /** Whether {@code value} is within range (null {@code min}: more than 0); reports it when not. */
        private boolean duration(String field, Duration value, Duration min, Duration max) {
            if (value == null) {
                error(field, "missing required duration");
                return false;
            }
            boolean tooShort = min == null ? value.isNegative() || value.isZero() : value.compareTo(min) < 0;
            if (tooShort || value.compareTo(max) > 0) {
                error(field, show(value) + " is out of range; " + field + " must be "
                        + (min == null ? "more than 0" : "at least " + DurationText.format(min))
                        + " and at most " + DurationText.format(max));
                return false;
            }
            return true;
        }

        private static String show(Duration value) {
            try {
                return DurationText.format(value);
            } catch (ArithmeticException e) { // beyond what milliseconds can count
                return value.toString();
            }
        }

        private void error(String field, String message) {
            errors.add(new SuiteError(source, label, position, field, message));
        }
    }
}
