package io.dtf.worker.command;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.CommandAction;
import io.dtf.model.FailureCategory;
import java.nio.file.Path;

/**
 * A command built inside its attempt's directory and read back from it before the directory goes:
 * how task types that run a program of the worker's own (the {@code java} of a {@code junit} or
 * {@code jmh} task) reuse {@link CommandRunner}'s process handling.
 *
 * <pre>{@code
 * AttemptOutcome outcome = runner.run(taskId, timeout, new PreparedAttempt() {
 *     public String program() { return "java"; }
 *     public CommandAction prepare(Path attemptDir) { ...write inputs, answer the argv... }
 *     public AttemptOutcome finish(Path attemptDir, AttemptOutcome ended) { ...read outputs... }
 * });
 * }</pre>
 */
public interface PreparedAttempt {
    /**
     * The name the worker's allow-list must allow, checked before anything is prepared; the program
     * {@link #prepare} answers is then started as it is (e.g. the worker's own {@code java} by its path).
     */
    String program();

    /**
     * The command to run, built in the attempt's fresh directory (its inputs written there); its
     * {@code workdir}, if any, must lie inside that directory.
     *
     * @throws Refusal when the attempt cannot run, with the category and a sentence for the task's author
     */
    CommandAction prepare(Path attemptDir) throws Refusal;

    /** The attempt's outcome from the command's, read while the attempt's directory still exists. */
    AttemptOutcome finish(Path attemptDir, AttemptOutcome command);

    /** Why an attempt could not be prepared. */
    final class Refusal extends Exception {
        private final FailureCategory category;

        public Refusal(FailureCategory category, String message) {
            super(message);
            this.category = category;
        }

        public FailureCategory category() {
            return category;
        }
    }
}
