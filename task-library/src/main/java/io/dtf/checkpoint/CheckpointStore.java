package io.dtf.checkpoint;

import java.util.Optional;

/**
 * Where one task's attempts keep their progress: an attempt saves its state now and then, and the
 * next attempt of the same task (after its worker died, say) loads it and resumes instead of
 * starting over. Bound to one task; the state is removed when the task ends.
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

    /** The state last saved by an attempt of this task, if any. */
    Optional<byte[]> load();

    /** Replaces this task's saved state; false when it could not be stored (the attempt goes on). */
    boolean save(byte[] state);
}
