package io.dtf.console.api;

import java.util.List;

/**
 * A refused suite: the {@link ApiError} fields with every problem found, so that one edit fixes them all.
 *
 * @param field  the first problem's field, as {@code tasks[1].timeout} (0-based, as the list is indexed)
 * @param errors every problem, each with its field when it has one
 */
public record SuiteRefusal(int status, String message, String field, List<Problem> errors) {
    /**
     * @param task     the task entry's name, or null
     * @param position its 1-based position in {@code tasks}, 0 outside a task
     * @param field    the field path, or null
     * @param message  what is wrong, located as the loader locates it
     */
    public record Problem(String task, int position, String field, String message) {
    }
}
