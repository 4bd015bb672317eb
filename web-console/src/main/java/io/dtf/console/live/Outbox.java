package io.dtf.console.live;

import java.util.ArrayDeque;

/**
 * The frames waiting for one page, sent one at a time without blocking: the next goes when the
 * socket has taken the last. A page that reads too slowly never holds more than its bound: its
 * waiting frames are dropped for one resync frame; if it has not even taken that one when the bound
 * is reached again, it is disconnected. So a slow page costs neither memory nor the other pages' time.
 */
final class Outbox {
    /** WebSocket close code 1013, "try again later". */
    static final int TOO_SLOW = 1013;

    /** Where an outbox writes: a WebSocket session, or a test's recorder. */
    interface Sink {
        /** Sends {@code text} without blocking; calls {@code done} once the socket took it, or {@code failed}. */
        void send(String text, Runnable done, Runnable failed);

        void close(int code, String reason);
    }

    private final Sink sink;
    private final int maxFrames;
    private final long maxChars;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private boolean pumping;
    private boolean resyncWaiting;
    private boolean closed;

    Outbox(Sink sink, int maxFrames, long maxChars) {
        this.sink = sink;
        this.maxFrames = maxFrames;
        this.maxChars = maxChars;
    }

    synchronized void offer(Frame frame) {
        if (closed) {
            return;
        }
        if (queue.size() >= maxFrames || queuedChars + frame.chars() > maxChars) {
            if (resyncWaiting) {
                close(TOO_SLOW, "this page reads live updates too slowly; reconnect");
                return;
            }
            queue.clear();
            queuedChars = 0;
            frame = Frame.resync(frame.seq());
        }
        if (frame.resync()) {
            resyncWaiting = true;
        }
        queue.addLast(frame);
        queuedChars += frame.chars();
        pump();
    }

    /** How many frames wait (for tests and the console's own figures). */
    synchronized int waiting() {
        return queue.size();
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized void close(int code, String reason) {
        if (!closed) {
            closed = true;
            queue.clear();
            queuedChars = 0;
            sink.close(code, reason);
        }
    }

    /** Marks this outbox gone (its socket closed): nothing more is sent. */
    synchronized void discard() {
        closed = true;
        queue.clear();
        queuedChars = 0;
    }

    private void pump() {
        if (pumping) {
            return; // a send finished synchronously inside the loop below: the loop goes on
        }
        pumping = true;
        try {
            while (!sending && !closed && !queue.isEmpty()) {
                Frame next = queue.removeFirst();
                queuedChars -= next.chars();
                if (next.resync()) {
                    resyncWaiting = queue.stream().anyMatch(Frame::resync);
                }
                sending = true;
                sink.send(next.text(), this::sent, this::failed);
            }
        } finally {
            pumping = false;
        }
    }

    private synchronized void sent() {
        sending = false;
        pump();
    }

    private synchronized void failed() {
        sending = false;
        discard();
    }
}
