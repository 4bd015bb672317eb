package io.dtf.worker;

import io.dtf.checkpoint.CheckpointException;
import io.dtf.checkpoint.CheckpointStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A checkpoint store whose grid fails as a restarting worker's did ("Cache is not configured"):
 * it cannot read the saved state, or it stores a given number of saves and then fails.
 */
public final class BrokenCheckpoints implements CheckpointStore {
    private static final String CAUSE = "Cache is not configured: dtf-checkpoints";

    private final boolean readable;
    private final int goodSaves;
    private final AtomicInteger saves = new AtomicInteger();

    private BrokenCheckpoints(boolean readable, int goodSaves) {
        this.readable = readable;
        this.goodSaves = goodSaves;
    }

    /** Saved state exists, and cannot be read. */
    public static BrokenCheckpoints unreadable() {
        return new BrokenCheckpoints(false, Integer.MAX_VALUE);
    }

    /** Nothing saved yet; the first {@code goodSaves} saves are stored, every later one fails. */
    public static BrokenCheckpoints failingAfter(int goodSaves) {
        return new BrokenCheckpoints(true, goodSaves);
    }

    @Override
    public Optional<byte[]> load() {
        if (!readable) {
            throw new CheckpointException("its checkpoint could not be loaded: " + CAUSE,
                    new IllegalArgumentException(CAUSE));
        }
        return Optional.empty();
    }

    @Override
    public boolean save(byte[] state) {
        if (saves.incrementAndGet() > goodSaves) {
            throw new CheckpointException("a checkpoint could not be saved: " + CAUSE,
                    new IllegalArgumentException(CAUSE));
        }
        return true;
    }

    /** How many saves were asked for, failed ones included. */
    public int saves() {
        return saves.get();
    }
}
