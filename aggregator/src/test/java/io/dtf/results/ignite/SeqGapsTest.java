package io.dtf.results.ignite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.results.SeqRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeqGapsTest {

    @Test
    void anEmptyStoreMissesEverythingFromOne() {
        SeqGaps gaps = SeqGaps.around(List.of());
        assertEquals(0, gaps.highest());
        assertArrayEquals(new long[] {1, 2, 3}, gaps.missing(3));
        assertEquals(0, gaps.missingCount(0));
    }

    @Test
    void gapsAroundStoredRangesAreMissingUpToTheHighest() {
        SeqGaps gaps = SeqGaps.around(List.of(new SeqRange(3, 5), new SeqRange(9, 9), new SeqRange(12, 20)));

        assertEquals(20, gaps.highest());
        assertArrayEquals(new long[] {1, 2, 6, 7, 8, 10, 11}, gaps.missing(20));
        assertArrayEquals(new long[] {1, 2, 6, 7}, gaps.missing(7));
        assertEquals(7 + 2, gaps.missingCount(22));
        assertTrue(gaps.isStored(4));
        assertFalse(gaps.isStored(7));
        assertFalse(gaps.isStored(21));
    }

    @Test
    void storingALateResultSplitsItsGap() {
        SeqGaps gaps = SeqGaps.around(List.of(new SeqRange(1, 1), new SeqRange(10, 10)));

        gaps.stored(5);
        gaps.stored(2);
        gaps.stored(9);
        gaps.stored(5);

        assertArrayEquals(new long[] {3, 4, 6, 7, 8}, gaps.missing(10));
        assertEquals(10, gaps.highest());
    }

    @Test
    void storingAboveTheHighestOpensAGapBelowIt() {
        SeqGaps gaps = SeqGaps.around(List.of());

        gaps.stored(1);
        gaps.stored(4);
        gaps.stored(0);

        assertEquals(4, gaps.highest());
        assertArrayEquals(new long[] {2, 3, 5}, gaps.missing(5));
    }
}
