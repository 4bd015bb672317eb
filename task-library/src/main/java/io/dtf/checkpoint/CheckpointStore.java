package io.dtf.checkpoint;

import java.util.Optional;

/**
 * Where one task's attempts keep their progress: an attempt saves its state now and then, and the
 * next attempt of the same task (after its worker died, say) loads it and resumes instead of
 * starting over. Bound to one task; the state is removed when the task ends.
 *
 * <p>A store that keeps checkpoints never fails quietly: what it cannot read or store throws
 * {@link CheckpointException}, so that an attempt never mistakes an unreadable checkpoint for a
 * fresh start (see docs/FAULT-TOLERANCE.md).
 */
public interface CheckpointStore {
    /** A store that keeps nothing, for attempts run outside the grid. */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public Optional<byte[]> load() {
            return Optional.empty();
        }

        @Override
        public boolean save(byte[] state) {
            return false;
        }
    };

    /**
     * The state last saved by an attempt of this task; empty when none was saved.
     *
     * @throws CheckpointException when the saved state, if any, cannot be read
     */
    Optional<byte[]> load();

    /**
     * Replaces this task's saved state.
     *
     * @return true when stored; false only for a store that keeps nothing ({@link #NONE})
     * @throws CheckpointException when it could not be stored
     */
    boolean save(byte[] state);
}
