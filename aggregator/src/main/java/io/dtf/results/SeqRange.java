package io.dtf.results;

/**
 * A run of consecutive result sequence numbers, both ends included.
 *
 * @param first the lowest seq of the run
 * @param last  the highest seq of the run, {@code >= first}
 */
public record SeqRange(long first, long last) {
    public SeqRange {
        if (last < first) {
            throw new IllegalArgumentException("empty range " + first + ".." + last);
        }
    }

    public long size() {
        return last - first + 1;
    }
}
