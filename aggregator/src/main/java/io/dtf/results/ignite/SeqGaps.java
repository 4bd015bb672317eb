package io.dtf.results.ignite;

import io.dtf.results.SeqRange;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seqs from 1 up to the highest stored one that the store does not hold: gaps the sequence
 * left (reserved numbers never used) and results still to come or still in flight. Kept as ranges,
 * so its size follows the number of gaps, not of numbers. Thread-safe.
 */
final class SeqGaps {
    /** first -> last of each gap, both included; disjoint, all below {@link #highest}. */
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private long highest;

    /** The gaps around what a store holds, from its {@code ResultStore.seqRanges()}. */
    static SeqGaps around(List<SeqRange> stored) {
        SeqGaps gaps = new SeqGaps();
        for (SeqRange range : stored) {
            gaps.stored(range.first());
            if (range.last() > range.first()) {
                gaps.highest = Math.max(gaps.highest, range.last());
            }
        }
        return gaps;
    }

    /** Records that {@code seq} is now in the store. Seqs start at 1; lower ones are ignored. */
    synchronized void stored(long seq) {
        if (seq < 1) {
            return;
        }
        if (seq > highest) {
            if (seq > highest + 1) {
                gaps.put(highest + 1, seq - 1);
            }
            highest = seq;
            return;
        }
        Map.Entry<Long, Long> gap = gaps.floorEntry(seq);
        if (gap == null || gap.getValue() < seq) {
            return;
        }
        gaps.remove(gap.getKey());
        if (gap.getKey() < seq) {
            gaps.put(gap.getKey(), seq - 1);
        }
        if (seq < gap.getValue()) {
            gaps.put(seq + 1, gap.getValue());
        }
    }

    /** The highest stored seq, 0 when nothing is stored. */
    synchronized long highest() {
        return highest;
    }

    /** How many seqs in 1..upTo are not stored, counting those above {@link #highest}. */
    synchronized long missingCount(long upTo) {
        long count = Math.max(0, upTo - highest);
        for (Map.Entry<Long, Long> gap : gaps.headMap(upTo, true).entrySet()) {
            count += Math.min(gap.getValue(), upTo) - gap.getKey() + 1;
        }
        return count;
    }

    /** The seqs in 1..upTo that are not stored, ascending; check {@link #missingCount} first. */
    synchronized long[] missing(long upTo) {
        long count = missingCount(upTo);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " missing seqs up to " + upTo + " are too many to list");
        }
        long[] missing = new long[(int) count];
        int i = 0;
        for (Map.Entry<Long, Long> gap : gaps.headMap(upTo, true).entrySet()) {
            for (long seq = gap.getKey(); seq <= Math.min(gap.getValue(), upTo); seq++) {
                missing[i++] = seq;
            }
        }
        for (long seq = highest + 1; seq <= upTo; seq++) {
            missing[i++] = seq;
        }
        return missing;
    }

    /** Whether {@code seq} is in the store (as far as this replicator knows). */
    synchronized boolean isStored(long seq) {
        if (seq < 1 || seq > highest) {
            return false;
        }
        Map.Entry<Long, Long> gap = gaps.floorEntry(seq);
        return gap == null || gap.getValue() < seq;
    }
}
