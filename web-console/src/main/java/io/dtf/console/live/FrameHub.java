package io.dtf.console.live;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers frames, keeps the recent ones, and hands each to every connected page's {@link Outbox}.
 * A page joins with the number of the last frame it saw; it gets what it missed and then every new
 * frame, with no gap and no repeat, because joining and publishing take the same lock.
 */
final class FrameHub {
    private final FrameRing ring;
    private final Set<Outbox> outboxes = ConcurrentHashMap.newKeySet();

    FrameHub(long firstSeq, int ringFrames, long ringChars) {
        this.ring = new FrameRing(firstSeq, ringFrames, ringChars);
    }

    /** Sends one frame of events ({@code eventsJson}, a JSON array) to every page; answers its number. */
    synchronized long publish(String eventsJson) {
        Frame frame = Frame.events(ring.next(), eventsJson);
        ring.add(frame);
        outboxes.forEach(o -> o.offer(frame));
        return frame.seq();
    }

    /** Tells every page it missed changes (too many came at once) and must load again. */
    synchronized long publishResync() {
        Frame frame = Frame.resync(ring.next());
        ring.add(frame);
        outboxes.forEach(o -> o.offer(frame));
        return frame.seq();
    }

    /**
     * Connects a page. {@code since} is the last frame it saw, or null for a page that just loaded
     * its data from {@code /api}: it gets an empty frame carrying the latest number, so that it can
     * ask for what it misses should it reconnect.
     */
    synchronized void join(Outbox outbox, Long since) {
        List<Frame> catchUp = since == null ? List.of(Frame.events(ring.latest(), "[]")) : ring.after(since);
        catchUp.forEach(outbox::offer);
        outboxes.add(outbox);
    }

    void leave(Outbox outbox) {
        outboxes.remove(outbox);
        outbox.discard();
    }

    int connected() {
        return outboxes.size();
    }

    synchronized long latest() {
        return ring.latest();
    }

    /** Disconnects every page (the console stops). */
    void closeAll(int code, String reason) {
        for (Outbox o : outboxes) {
            o.close(code, reason);
        }
        outboxes.clear();
    }
}
