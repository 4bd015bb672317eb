package io.dtf.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher;
import io.dtf.security.Role;
import io.dtf.security.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dtf console} joining a grid with security on through the real launcher: admitted with a node token as
 * {@code dtf node} is, bound per {@code --bind}, and asking every caller for a token of the grid's keys.
 */
class SecureConsoleCommandIT {
    private static final String JOIN = "127.0.0.1:22780..22781";
    private static final int HTTP_PORT = 22786;
    private static final List<Process> STARTED = new ArrayList<>();

    @AfterAll
    static void stop() throws InterruptedException {
        for (int i = STARTED.size() - 1; i >= 0; i--) {
            Process p = STARTED.get(i);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theConsoleJoinsASecureGridWithANodeTokenAndAsksCallersForTokens() throws Exception {
        Launcher dtf = Launcher.in("secure-console-command-it");
        TestKeys keys = TestKeys.create(dtf.work().resolve("keys"));
        String config = Launcher.home().resolve("config/ignite-secure.xml").toString();
        Path core = TestKeys.tokenFile(dtf.work().resolve("core.token"), keys.nodeToken("core-1"));
        Path console = TestKeys.tokenFile(dtf.work().resolve("console.token"), keys.nodeToken("console-1"));

        start(dtf, "grid", " up: ", "node", "--config", config, "--keys", keys.dir().toString(), "--token-file",
                core.toString(), "--roles", "coordinator,data,aggregator", "--bind", "127.0.0.1", "--port", "22780",
                "--comm-port", "22782", "--client-port", "22784", "--join", JOIN, "--data-dir", "grid");
        String out = start(dtf, "console", "DTF console node", "console", "--config", config, "--keys",
                keys.dir().toString(), "--token-file", console.toString(), "--bind", "127.0.0.1", "--port",
                String.valueOf(HTTP_PORT), "--join", JOIN, "--discovery-port", "22781", "--comm-port", "22783",
                "--client-port", "22785", "--data-dir", "console");
        assertTrue(out.contains("web console on http://127.0.0.1:" + HTTP_PORT + " (log in with"), out);

        HttpClient http = HttpClient.newHttpClient();
        URI me = URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/me");
        assertEquals(401, http.send(HttpRequest.newBuilder(me).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        HttpResponse<String> viewer = http.send(HttpRequest.newBuilder(me)
                .header("Authorization", "Bearer " + keys.token(Role.VIEWER, "vic")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viewer.statusCode(), viewer.body());
        assertTrue(viewer.body().contains("\"secured\":true"), viewer.body());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, page.statusCode());
    }

    private static String start(Launcher dtf, String name, String up, String... args) throws Exception {
        Path out = dtf.work().resolve(name + ".out");
        Process p = dtf.start(out, args);
        STARTED.add(p);
        return Launcher.awaitStarted(p, out, Duration.ofSeconds(90), text -> text.contains(up));
    }
}
