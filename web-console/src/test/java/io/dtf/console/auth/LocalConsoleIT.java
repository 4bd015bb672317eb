package io.dtf.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.console.TestConsole;
import io.dtf.console.TestRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console with security off: loopback only, nobody logs in, and still no other site's page can change
 * anything or read the live updates through the browser of someone on this machine.
 */
class LocalConsoleIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestConsole console;
    private static TestRoutes routes;

    @BeforeAll
    static void start() {
        console = TestConsole.start("local-console-it", 22720);
        routes = TestRoutes.register(console.server());
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void itListensOnLoopbackOnlyAndSaysSo() throws Exception {
        assertTrue(console.server().url().startsWith("http://127.0.0.1:"), console.server().url());
        assertTrue(console.server().describe().contains("security is off: it listens on 127.0.0.1 only"),
                console.server().describe());
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(console.uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("id=\"login-off\""), login.body());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(console.uri("/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "no login needed");
    }

    @Test
    void aRequestAddressedToAnotherNameIsRefused() throws Exception {
        assertEquals(200, statusWithHost("localhost:" + console.server().port()));
        assertEquals(200, statusWithHost("127.0.0.1"));
        assertEquals(403, statusWithHost("attacker.example:" + console.server().port()),
                "a DNS name of another site pointed at this machine");
    }

    @Test
    void anotherSitesPageCanNeitherChangeStateNorOpenTheWebSocket() throws Exception {
        int before = routes.submitted();
        HttpResponse<String> cross = HTTP.send(HttpRequest.newBuilder(console.uri("/api/test/submitter"))
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, cross.statusCode(), cross.body());
        assertTrue(cross.body().contains("another site's page"), cross.body());
        assertEquals(before, routes.submitted());

        HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(console.uri("/api/test/submitter"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode(), "a client that is no browser page (no Origin): " + script.body());
        HttpResponse<String> own = HTTP.send(HttpRequest.newBuilder(console.uri("/api/test/submitter"))
                .header("Origin", console.server().url()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(before + 2, routes.submitted());

        URI ws = URI.create(console.server().url().replace("http://", "ws://") + "/ws");
        CompletionException e = assertThrows(CompletionException.class, () -> HTTP.newWebSocketBuilder()
                .header("Origin", "http://evil.example").buildAsync(ws, new WebSocket.Listener() { }).join());
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        HTTP.newWebSocketBuilder().header("Origin", console.server().url())
                .buildAsync(ws, new WebSocket.Listener() { }).join().abort();
    }

    /** GET /api/health with this Host header, over a raw socket (HTTP clients set Host themselves). */
    private static int statusWithHost(String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", console.server().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 200"
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
