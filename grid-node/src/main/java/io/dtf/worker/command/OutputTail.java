package io.dtf.worker.command;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes of a stream, in a ring: memory stays fixed however much a
 * process writes.
 */
final class OutputTail {
    private final byte[] ring;
    private long total;

    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        int cap = ring.length;
        if (length > cap) {
            // Only the last cap bytes can survive this write.
            offset += length - cap;
            total += length - cap;
            length = cap;
        }
        int at = (int) (total % cap);
        int first = Math.min(length, cap - at);
        System.arraycopy(bytes, offset, ring, at, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        total += length;
    }

    /** Every byte ever written, kept or not. */
    synchronized long totalBytes() {
        return total;
    }

    /**
     * The kept bytes as UTF-8 text. When earlier output was dropped, a first line says how much,
     * and a character cut in half at the start is left out.
     */
    synchronized String text() {
        int cap = ring.length;
        int kept = (int) Math.min(total, cap);
        byte[] linear = new byte[kept];
        int start = (int) ((total - kept) % cap);
        int first = Math.min(kept, cap - start);
        System.arraycopy(ring, start, linear, 0, first);
        System.arraycopy(ring, 0, linear, first, kept - first);
        if (total == kept) {
            return new String(linear, StandardCharsets.UTF_8);
        }
        int skip = 0;
        while (skip < kept && skip < 3 && (linear[skip] & 0xC0) == 0x80) {
            skip++; // UTF-8 continuation bytes of a character whose start was dropped
        }
        return "[" + (total - kept + skip) + " earlier bytes not kept]\n"
                + new String(linear, skip, kept - skip, StandardCharsets.UTF_8);
    }
}
