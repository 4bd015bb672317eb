package io.dtf.console.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent frames, numbered without gaps, kept so that a page that reconnects with
 * {@code ?since=N} gets exactly the frames after N. Bounded in frames and in characters: the oldest
 * go first. Not thread-safe: {@link FrameHub} guards it.
 *
 * <p>Numbers start at the console's start time in milliseconds rather than at 1, so a page that
 * reconnects to a restarted console (whose numbers would otherwise overlap the old one's) asks for
 * a number this console never sent and is told to resync.
 */
final class FrameRing {
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final int maxFrames;
    private final long maxChars;
    private long chars;
    private long latest;

    /** {@code firstSeq - 1} is the number a page that saw nothing yet catches up from. */
    FrameRing(long firstSeq, int maxFrames, long maxChars) {
        this.latest = firstSeq - 1;
        this.maxFrames = maxFrames;
        this.maxChars = maxChars;
    }

    /** The number of the last frame sent; before any, one less than the first. */
    long latest() {
        return latest;
    }

    /** The next frame's number, taken. */
    long next() {
        return latest + 1;
    }

    void add(Frame frame) {
        if (frame.seq() != latest + 1) {
            throw new IllegalArgumentException("frame " + frame.seq() + " does not follow " + latest);
        }
        latest = frame.seq();
        frames.addLast(frame);
        chars += frame.chars();
        while (frames.size() > maxFrames || (chars > maxChars && frames.size() > 1)) {
            chars -= frames.removeFirst().chars();
        }
    }

    /**
     * What a page that saw frame {@code since} last must get to be up to date: the frames after it, or a
     * single resync frame when some are no longer kept or {@code since} is none this console sent.
     */
    List<Frame> after(long since) {
        if (since == latest) {
            return List.of();
        }
        boolean kept = since < latest && !frames.isEmpty() && since >= frames.peekFirst().seq() - 1;
        if (!kept) {
            return List.of(Frame.resync(latest));
        }
        List<Frame> out = new ArrayList<>((int) (latest - since));
        for (Frame f : frames) {
            if (f.seq() > since) {
                out.add(f);
            }
        }
        return out;
    }
}
