package io.dtf.checkpoint;

/**
 * A task's checkpoint could not be read or stored: the grid failed, not the task. The attempt
 * ends as an infrastructure failure and is retried (resuming from the last state that was stored),
 * rather than going on without its checkpoint and, on the next failure, starting over from zero.
 *
 * <pre>{@code
 * try {
 *     Optional<byte[]> state = store.load();
 * } catch (CheckpointException e) {
 *     // not "nothing saved": the state may be there and unreadable; do not start from scratch
 * }
 * }</pre>
 */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
