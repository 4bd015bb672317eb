package io.dtf.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.grid.TestGrid;
import io.dtf.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@code /ws} client as a page would be one: records every frame it receives, parsed, in order. */
final class LiveClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<JsonNode> frames;
    final List<String> texts;
    final CompletableFuture<Integer> closedWith;
    private final WebSocket socket;

    private LiveClient(WebSocket socket, Recorder recorder) {
        this.socket = socket;
        this.frames = recorder.frames;
        this.texts = recorder.texts;
        this.closedWith = recorder.closedWith;
    }

    /** Connects to {@code uri} (ws://...) with these headers; fails as the handshake fails. */
    static LiveClient connect(URI uri, Map<String, String> headers) throws Exception {
        Recorder recorder = new Recorder();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            return new LiveClient(builder.buildAsync(uri, recorder).get(20, TimeUnit.SECONDS), recorder);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static LiveClient connect(URI uri) throws Exception {
        return connect(uri, Map.of());
    }

    WebSocket socket() {
        return socket;
    }

    long lastSeq() {
        return frames.isEmpty() ? -1 : frames.get(frames.size() - 1).get("seq").asLong();
    }

    /** Every event of every frame received so far, in order. */
    List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : frames) {
            if (f.has("events")) {
                f.get("events").forEach(out::add);
            }
        }
        return out;
    }

    /** Waits until an event matching {@code match} came, and answers it. */
    JsonNode awaitEvent(String what, Predicate<JsonNode> match) {
        TestGrid.await(what, Duration.ofSeconds(60), () -> events().stream().anyMatch(match));
        return events().stream().filter(match).findFirst().orElseThrow();
    }

    void awaitFrames(String what, Predicate<List<JsonNode>> enough) {
        TestGrid.await(what, Duration.ofSeconds(60), () -> enough.test(frames));
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Parses frames as they come (a large frame arrives in parts). */
    private static final class Recorder implements WebSocket.Listener {
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                texts.add(text);
                frames.add(Json.read(text, JsonNode.class));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.complete(-1);
        }
    }
}
