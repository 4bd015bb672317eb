package io.dtf.bench.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Many {@code /ws} clients in one process, as many open pages would be. Each records, per frame, its
 * number, when it arrived and its size; the first also hands every frame's text to a reader, which
 * takes the events' times from it (every client receives the same frames).
 */
final class WsFanOut implements AutoCloseable {
    /** What one client saw: frame numbers, arrival times (epoch ms), characters. */
    static final class Seen {
        final List<long[]> frames = new ArrayList<>();
        long chars;

        synchronized void add(long seq, long at, int length) {
            frames.add(new long[] {seq, at});
            chars += length;
        }
    }

    private final List<WebSocket> sockets = new ArrayList<>();
    final List<Seen> seen = new ArrayList<>();

    WsFanOut(URI uri, int clients, BiConsumer<Long, String> firstReads) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < clients; i++) {
            Seen s = new Seen();
            seen.add(s);
            BiConsumer<Long, String> reader = i == 0 ? firstReads : null;
            sockets.add(http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        long now = System.currentTimeMillis();
                        String text = partial.toString();
                        partial.setLength(0);
                        long seq = Long.parseLong(text.substring(text.indexOf(':') + 1, text.indexOf(',')));
                        s.add(seq, now, text.length());
                        if (reader != null) {
                            reader.accept(now, text);
                        }
                    }
                    ws.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS));
        }
    }

    @Override
    public void close() {
        sockets.forEach(WebSocket::abort);
    }
}
