package io.dtf.worker;

import io.dtf.benchmark.BenchmarkParameterException;
import io.dtf.checkpoint.CheckpointException;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an attempt did not pass, from what its worker saw: the rules that give every outcome the most
 * specific {@link FailureCategory}, so the coordinator retries a crash elsewhere and a failed test
 * only when asked. The category decides the status: {@link #status}.
 *
 * <p>A command that exited non-zero, in this order (see docs/TASK-TYPES.md):
 * <ol>
 *   <li>out-of-memory or disk-full text in its stderr tail ({@link #resourceExhaustedLine}):
 *       {@code RESOURCE_EXHAUSTED}, whatever the exit code;
 *   <li>killed by SIGKILL while the kernel's out-of-memory killer was at work: {@code RESOURCE_EXHAUSTED};
 *   <li>killed by SIGXCPU or SIGXFSZ (exit code 152, 153: over the worker's CPU time or file size
 *       limit): {@code RESOURCE_EXHAUSTED};
 *   <li>killed by SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE or SIGKILL (exit code 128 + signal, as
 *       Java and shells report it): {@code PROCESS_CRASH};
 *   <li>exit code 126 or 127 (a shell's "not executable", "not found"): {@code BAD_DEFINITION};
 *   <li>any other: {@code TEST_FAILURE}.
 * </ol>
 */
public final class FailureClassifier {
    private static final Pattern RESOURCE_EXHAUSTED = Pattern.compile(
            "java\\.lang\\.OutOfMemoryError|Cannot allocate memory|std::bad_alloc|out of memory"
                    + "|No space left on device|File too large|^\\s*MemoryError\\b",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final int SIGKILL = 9;
    private static final Map<Integer, String> CRASH_SIGNALS = Map.of(
            4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE", SIGKILL, "SIGKILL", 11, "SIGSEGV");
    // Sent by the kernel when a process goes over its CPU time or file size limit (dtf node --command-limits).
    private static final Map<Integer, String> LIMIT_SIGNALS = Map.of(24, "SIGXCPU", 25, "SIGXFSZ");
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+)");
    // errno values of a failed exec: the program is missing or cannot be run as written.
    private static final Map<Integer, String> EXEC_DEFINITION_ERRORS = Map.of(
            2, "ENOENT", 7, "E2BIG", 8, "ENOEXEC", 13, "EACCES", 20, "ENOTDIR", 21, "EISDIR", 36, "ENAMETOOLONG",
            40, "ELOOP");
    // ... and those of a machine that ran out of something: memory, processes, file handles, disk.
    private static final Map<Integer, String> EXEC_RESOURCE_ERRORS = Map.of(
            11, "EAGAIN", 12, "ENOMEM", 23, "ENFILE", 24, "EMFILE", 28, "ENOSPC");
    private static final int MAX_LINE = 500;
    private static final int MAX_CAUSES = 16;

    /** A category and the one-line reason that goes with it. */
    public record Failure(FailureCategory category, String reason) {
        public TaskState status() {
            return FailureClassifier.status(category);
        }
    }

    private FailureClassifier() {
    }

    /**
     * The status of an attempt that failed in {@code category}: FAILED for a test failure (the task's
     * own verdict), TIMED_OUT for a timeout, ERROR for the rest (it could not run to a verdict).
     */
    public static TaskState status(FailureCategory category) {
        return switch (category) {
            case TEST_FAILURE -> TaskState.FAILED;
            case TIMEOUT -> TaskState.TIMED_OUT;
            case NODE_LEFT, RESOURCE_EXHAUSTED, PROCESS_CRASH, INFRASTRUCTURE, BAD_DEFINITION -> TaskState.ERROR;
        };
    }

    /**
     * How a command that exited with {@code exitCode} failed, or empty when it passed.
     *
     * @param stderrTail         the end of its stderr
     * @param kernelKilledForMemory whether the kernel's out-of-memory killer killed a process while it ran
     */
    public static Optional<Failure> ofExit(int exitCode, String stderrTail, boolean kernelKilledForMemory) {
        if (exitCode == 0) {
            return Optional.empty();
        }
        String text = stderrTail == null ? "" : stderrTail;
        Optional<String> crash = crashSignal(exitCode);
        String how = crash.map(signal -> "killed by " + signal + " (exit code " + exitCode + ")")
                .orElse("exit code " + exitCode);
        Optional<String> exhausted = resourceExhaustedLine(text);
        if (exhausted.isPresent()) {
            return failure(FailureCategory.RESOURCE_EXHAUSTED, how + ", out of memory or disk: " + exhausted.get());
        }
        if (exitCode == SIGNAL_EXIT_BASE + SIGKILL && kernelKilledForMemory) {
            return failure(FailureCategory.RESOURCE_EXHAUSTED,
                    how + " while the kernel's out-of-memory killer was killing processes");
        }
        String last = lastLine(text).map(line -> ": " + line).orElse("");
        String limit = LIMIT_SIGNALS.get(exitCode - SIGNAL_EXIT_BASE);
        if (limit != null) {
            return failure(FailureCategory.RESOURCE_EXHAUSTED, "killed by " + limit + " (exit code " + exitCode
                    + "), over the worker's command limit on " + (limit.equals("SIGXCPU") ? "CPU time" : "file size")
                    + last);
        }
        if (crash.isPresent()) {
            return failure(FailureCategory.PROCESS_CRASH, how + last);
        }
        if (exitCode == 126 || exitCode == 127) {
            String meaning = exitCode == 126 ? "not executable" : "command not found";
            return failure(FailureCategory.BAD_DEFINITION, how + " (a shell's '" + meaning + "')" + last);
        }
        return failure(FailureCategory.TEST_FAILURE, how + last);
    }

    /**
     * Why a process could not be started, from the message of the exception: a missing or
     * unrunnable program is the definition's fault, a machine out of processes or memory is not.
     */
    public static FailureCategory ofStartFailure(String message) {
        Matcher errno = ERRNO.matcher(message == null ? "" : message);
        if (errno.find()) {
            int code = Integer.parseInt(errno.group(1));
            if (EXEC_DEFINITION_ERRORS.containsKey(code)) {
                return FailureCategory.BAD_DEFINITION;
            }
            if (EXEC_RESOURCE_ERRORS.containsKey(code)) {
                return FailureCategory.RESOURCE_EXHAUSTED;
            }
        }
        return FailureCategory.INFRASTRUCTURE;
    }

    /**
     * What a benchmark's exception means: a checkpoint the grid could not read or store (a
     * {@link CheckpointException} anywhere in its causes) is the grid's; running out of memory (an
     * {@link OutOfMemoryError} anywhere in its causes, or a message that says so, e.g. from a GPU
     * library) is the machine's; a param it cannot use is the definition's; anything else, an
     * assertion or a check that failed, is the test's.
     */
    public static FailureCategory ofBenchmarkFailure(Throwable failure) {
        if (checkpointFailure(failure).isPresent()) {
            return FailureCategory.INFRASTRUCTURE;
        }
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            boolean saysSo = t.getMessage() != null && resourceExhaustedLine(t.getMessage()).isPresent();
            if (t instanceof OutOfMemoryError || saysSo) {
                return FailureCategory.RESOURCE_EXHAUSTED;
            }
        }
        if (failure instanceof BenchmarkParameterException) {
            return FailureCategory.BAD_DEFINITION;
        }
        return FailureCategory.TEST_FAILURE;
    }

    /** The {@link CheckpointException} among {@code failure} and its causes, if there is one. */
    public static Optional<CheckpointException> checkpointFailure(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof CheckpointException c) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The signal that killed a process that exited with {@code exitCode}, when it is one that means a crash. */
    public static Optional<String> crashSignal(int exitCode) {
        return Optional.ofNullable(CRASH_SIGNALS.get(exitCode - SIGNAL_EXIT_BASE));
    }

    /** The first line of {@code text} that says memory or disk ran out, shortened. */
    public static Optional<String> resourceExhaustedLine(String text) {
        Matcher m = RESOURCE_EXHAUSTED.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int start = text.lastIndexOf('\n', m.start()) + 1;
        int end = text.indexOf('\n', m.end());
        return Optional.of(shorten(text.substring(start, end < 0 ? text.length() : end).strip()));
    }

    private static Optional<Failure> failure(FailureCategory category, String reason) {
        return Optional.of(new Failure(category, reason));
    }

    private static Optional<String> lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? Optional.empty() : Optional.of(shorten(last));
    }

    private static String shorten(String line) {
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
    }
}
