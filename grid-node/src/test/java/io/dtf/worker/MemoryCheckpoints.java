package io.dtf.worker;

import io.dtf.checkpoint.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A checkpoint store in memory that remembers every save, for tests of what attempts save. */
public final class MemoryCheckpoints implements CheckpointStore {
    private final List<byte[]> saves = new ArrayList<>();
    private byte[] state;

    public MemoryCheckpoints() {
    }

    /** A store holding what an earlier attempt saved. */
    public MemoryCheckpoints(String earlier) {
        this(earlier.getBytes(StandardCharsets.UTF_8));
    }

    public MemoryCheckpoints(byte[] earlier) {
        this.state = earlier.clone();
    }

    @Override
    public synchronized Optional<byte[]> load() {
        return Optional.ofNullable(state).map(byte[]::clone);
    }

    @Override
    public synchronized boolean save(byte[] value) {
        state = value.clone();
        saves.add(state);
        return true;
    }

    /** Every saved state, as text, in order. */
    public synchronized List<String> saves() {
        return saves.stream().map(s -> new String(s, StandardCharsets.UTF_8)).toList();
    }
}
