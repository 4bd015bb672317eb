package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRingTest {
    private static FrameRing ringWith(long first, int frames, int maxFrames, long maxChars) {
        FrameRing ring = new FrameRing(first, maxFrames, maxChars);
        for (int i = 0; i < frames; i++) {
            ring.add(Frame.events(ring.next(), "[" + i + "]"));
        }
        return ring;
    }

    private static List<Long> seqs(List<Frame> frames) {
        return frames.stream().map(Frame::seq).toList();
    }

    @Test
    void aPageThatMissedSomeFramesGetsExactlyThoseInOrder() {
        FrameRing ring = ringWith(1000, 10, 100, 1 << 20);
        assertEquals(1009, ring.latest());
        assertEquals(List.of(1006L, 1007L, 1008L, 1009L), seqs(ring.after(1005)));
        assertEquals(List.of(), ring.after(1009));
    }

    @Test
    void aPageThatSawTheFrameBeforeTheOldestKeptStillCatchesUp() {
        FrameRing ring = ringWith(1000, 10, 4, 1 << 20);
        assertEquals(List.of(1006L, 1007L, 1008L, 1009L), seqs(ring.after(1005)));
    }

    @Test
    void aPageThatMissedMoreThanTheRingKeepsIsToldToResync() {
        FrameRing ring = ringWith(1000, 10, 4, 1 << 20);
        List<Frame> out = ring.after(1004);
        assertEquals(1, out.size());
        assertTrue(out.get(0).resync());
        assertEquals("{\"seq\":1009,\"resync\":true}", out.get(0).text());
    }

    @Test
    void aNumberThisConsoleNeverSentMeansResync() {
        FrameRing ring = ringWith(1000, 3, 10, 1 << 20);
        assertTrue(ring.after(Long.MAX_VALUE).get(0).resync(), "from the future (a console that restarted)");
        assertTrue(ring.after(5).get(0).resync(), "from before this console started");
        FrameRing empty = ringWith(2000, 0, 10, 1 << 20);
        assertEquals(List.of(), empty.after(1999));
        assertTrue(empty.after(1500).get(0).resync());
    }

    @Test
    void theRingIsBoundedInCharactersButKeepsTheLatestFrame() {
        FrameRing ring = ringWith(1, 50, 1000, 40);
        // frames are 22–23 characters: one fits in 40
        assertEquals(List.of(50L), seqs(ring.after(49)));
        assertTrue(ring.after(48).get(0).resync());
    }

    @Test
    void framesMustFollowEachOther() {
        FrameRing ring = ringWith(1, 2, 10, 1 << 20);
        assertThrows(IllegalArgumentException.class, () -> ring.add(Frame.events(7, "[]")));
    }
}
