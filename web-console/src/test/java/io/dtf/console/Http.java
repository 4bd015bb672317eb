package io.dtf.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plain HTTP against a {@link TestConsole}: answers with their status and body, bodies read as JSON.
 *
 * <pre>{@code
 * Http.Answer a = http.get("/api/runs?limit=0");
 * assertEquals(400, a.status());
 * assertEquals("limit", a.json().path("field").asText());
 * }</pre>
 */
public final class Http {
    private final TestConsole console;
    private final HttpClient client = HttpClient.newHttpClient();

    public Http(TestConsole console) {
        this.console = console;
    }

    /** A status, the body, and the Location header when there is one. */
    public record Answer(int status, String body, String location) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(console.uri(path)).GET().build());
    }

    public Answer post(String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(console.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
