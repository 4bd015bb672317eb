package io.dtf.benchmark;

import io.dtf.checkpoint.CheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A checkpoint store in memory that remembers every save, for tests of what benchmarks save. */
public class MemoryCheckpoints implements CheckpointStore {
    private final List<byte[]> saves = new ArrayList<>();
    private byte[] state;

    public MemoryCheckpoints() {
    }

    public MemoryCheckpoints(byte[] initial) {
        this.state = initial.clone();
    }

    @Override
    public synchronized Optional<byte[]> load() {
        return Optional.ofNullable(state).map(byte[]::clone);
    }

    @Override
    public synchronized boolean save(byte[] value) {
        state = value.clone();
        saves.add(state);
        onSave(saves.size());
        return true;
    }

    /** Called after each save with the number of saves so far; tests override it to stop a run. */
    protected void onSave(int count) {
    }

    public synchronized List<byte[]> saves() {
        return List.copyOf(saves);
    }
}
