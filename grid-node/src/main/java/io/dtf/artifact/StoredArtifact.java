package io.dtf.artifact;

/**
 * An artifact the grid holds: its bytes are chunks {@code <blob>/0 .. <blob>/<chunks - 1>} of the chunk
 * cache, whose SHA-256 was checked to be {@code sha256} when the last one arrived.
 *
 * @param blob           the upload that brought the bytes ({@code <sha256>.<upload id>}): concurrent
 *                       uploads of one digest each write their own chunks, and the first to finish wins
 * @param storedAtMillis when it was checked and kept (the storing node's clock)
 */
public record StoredArtifact(String sha256, long size, int chunks, String blob, long storedAtMillis) {
    /** The chunk cache's key of chunk {@code index}. */
    public String chunkKey(int index) {
        return chunkKey(blob, index);
    }

    public static String chunkKey(String blob, int index) {
        return blob + "/" + index;
    }
}
