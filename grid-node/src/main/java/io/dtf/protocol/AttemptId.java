package io.dtf.protocol;

/**
 * One attempt of a task: the coordinator epoch that started it and its number within the task.
 * Unique even when a new coordinator starts an attempt number its dead predecessor had started.
 * Written {@code <epoch>:<number>}.
 */
public record AttemptId(long epoch, int number) {

    /** The id written as {@link #toString()}; null for null, and for text that is not an attempt id. */
    public static AttemptId parseOrNull(String id) {
        int colon = id == null ? -1 : id.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return new AttemptId(Long.parseLong(id.substring(0, colon)), Integer.parseInt(id.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return epoch + ":" + number;
    }
}
