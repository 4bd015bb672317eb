package io.dtf.artifact;

/** How an artifact's bytes travel and rest in the grid: in chunks of {@link #BYTES}, the last one shorter. */
public final class ArtifactChunks {
    /** 1 MiB: small enough for one service call and one cache entry, large enough that a jar takes few. */
    public static final int BYTES = 1 << 20;

    private ArtifactChunks() {
    }

    /** How many chunks {@code size} bytes take (an empty artifact takes one, empty). */
    public static int count(long size) {
        return size == 0 ? 1 : (int) ((size + BYTES - 1) / BYTES);
    }

    /** The length of chunk {@code index} of an artifact of {@code size} bytes. */
    public static int length(long size, int index) {
        return (int) Math.min(BYTES, size - (long) index * BYTES);
    }
}
