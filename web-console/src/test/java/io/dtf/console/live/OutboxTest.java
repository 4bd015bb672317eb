package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {
    /** A socket that takes a frame when told to (a slow page), or at once. */
    private static final class Socket implements Outbox.Sink {
        final List<String> sent = new ArrayList<>();
        final List<Runnable> unacknowledged = new ArrayList<>();
        boolean immediate;
        Integer closedWith;

        @Override
        public void send(String text, Runnable done, Runnable failed) {
            sent.add(text);
            if (immediate) {
                done.run();
            } else {
                unacknowledged.add(done);
            }
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        void takeOne() {
            unacknowledged.remove(0).run();
        }
    }

    @Test
    void framesGoOneAtATimeInOrder() {
        Socket socket = new Socket();
        Outbox box = new Outbox(socket, 10, 1 << 20);
        box.offer(Frame.events(1, "[1]"));
        box.offer(Frame.events(2, "[2]"));
        box.offer(Frame.events(3, "[3]"));
        assertEquals(1, socket.sent.size(), "the second waits until the socket took the first");
        socket.takeOne();
        socket.takeOne();
        socket.takeOne();
        assertEquals(List.of("{\"seq\":1,\"events\":[1]}", "{\"seq\":2,\"events\":[2]}", "{\"seq\":3,\"events\":[3]}"),
                socket.sent);
    }

    @Test
    void aSocketThatTakesFramesAtOnceGetsThemAllWithoutRecursion() {
        Socket socket = new Socket();
        socket.immediate = true;
        Outbox box = new Outbox(socket, 100_000, 1L << 30);
        for (int i = 1; i <= 50_000; i++) {
            box.offer(Frame.events(i, "[]"));
        }
        assertEquals(50_000, socket.sent.size());
        assertEquals(0, box.waiting());
    }

    @Test
    void aSlowPageGetsOneResyncInsteadOfAnEndlessQueue() {
        Socket socket = new Socket();
        Outbox box = new Outbox(socket, 3, 1 << 20);
        for (int i = 1; i <= 5; i++) {
            box.offer(Frame.events(i, "[]"));
        }
        // frame 1 in flight, 2–4 waited, 5 overflowed: all dropped for a resync at 5
        assertEquals(1, box.waiting());
        socket.takeOne();
        assertEquals("{\"seq\":5,\"resync\":true}", socket.sent.get(1));
        box.offer(Frame.events(6, "[]"));
        socket.takeOne();
        socket.takeOne();
        assertEquals("{\"seq\":6,\"events\":[]}", socket.sent.get(2));
        assertFalse(box.closed());
    }

    @Test
    void aPageThatReadsNothingIsDisconnected() {
        Socket socket = new Socket();
        Outbox box = new Outbox(socket, 3, 1 << 20);
        for (int i = 1; i <= 20; i++) {
            box.offer(Frame.events(i, "[]"));
        }
        assertTrue(box.closed());
        assertEquals(Outbox.TOO_SLOW, socket.closedWith);
        assertEquals(0, box.waiting());
    }

    @Test
    void theCharacterBoundHoldsToo() {
        Socket socket = new Socket();
        Outbox box = new Outbox(socket, 1000, 100);
        box.offer(Frame.events(1, "[]"));
        box.offer(Frame.events(2, "[\"" + "x".repeat(200) + "\"]"));
        socket.takeOne();
        assertTrue(socket.sent.get(1).contains("resync"));
    }

    @Test
    void aFailedWriteStopsTheOutbox() {
        List<String> sent = new ArrayList<>();
        Outbox box = new Outbox(new Outbox.Sink() {
            @Override
            public void send(String text, Runnable done, Runnable failed) {
                sent.add(text);
                failed.run();
            }

            @Override
            public void close(int code, String reason) {
            }
        }, 10, 1 << 20);
        box.offer(Frame.events(1, "[]"));
        box.offer(Frame.events(2, "[]"));
        assertEquals(1, sent.size());
        assertTrue(box.closed());
    }
}
