package io.dtf.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.cli.Launcher;
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
 * {@code dtf console} through the real launcher: it joins a running grid and serves the console; a second one on
 * the same port stops with a clear error and exit code 2, while a {@code dtf node} with the console role on that port
 * only warns and goes on.
 */
class ConsoleCommandIT {
    private static final String JOIN = "127.0.0.1:22740..22743";
    private static final int HTTP_PORT = 22748;
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
    void theConsoleJoinsAGridAndAPortInUseStopsItButNotANode() throws Exception {
        Launcher dtf = Launcher.in("console-command-it");
        start(dtf, "grid", " up: ", "node", "--roles", "coordinator,data,aggregator", "--port", "22740",
                "--comm-port", "22790", "--client-port", "22744", "--join", JOIN, "--data-dir", "grid");

        String console = start(dtf, "console", "DTF console node", "console", "--port", String.valueOf(HTTP_PORT),
                "--grid", JOIN, "--discovery-port", "22741", "--comm-port", "22791", "--client-port", "22745",
                "--data-dir", "console");
        assertTrue(console.contains("web console on http://127.0.0.1:" + HTTP_PORT
                + " (security is off: it listens on 127.0.0.1 only"), console);
        assertTrue(console.contains("joined a grid of 2 node(s)"), console);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"nodes\":2"), health.body());

        Launcher.Outcome taken = dtf.run("console", "--port", String.valueOf(HTTP_PORT), "--join", JOIN,
                "--discovery-port", "22742", "--comm-port", "22792", "--client-port", "22746", "--data-dir", "console-2");
        assertEquals(2, taken.exitCode(), taken.out() + taken.err());
        assertTrue(taken.err().contains("cannot listen on 127.0.0.1:" + HTTP_PORT + ": the port is in use"),
                taken.err());

        String node = start(dtf, "worker", " up: ", "node", "--roles", "worker,console", "--console-port",
                String.valueOf(HTTP_PORT), "--port", "22743", "--comm-port", "22793", "--client-port", "22747",
                "--join", JOIN, "--data-dir", "worker");
        assertTrue(node.contains("WARNING: the console role did not start on this node: the web console cannot listen"
                + " on 127.0.0.1:" + HTTP_PORT + ": the port is in use"), node);
        assertTrue(STARTED.get(STARTED.size() - 1).isAlive(), "the node goes on without its console");
    }

    /** Starts {@code dtf ARGS} in the background and waits until its output holds {@code up}; its output. */
    private static String start(Launcher dtf, String name, String up, String... args) throws Exception {
        Path out = dtf.work().resolve(name + ".out");
        Process p = dtf.start(out, args);
        STARTED.add(p);
        return Launcher.awaitStarted(p, out, Duration.ofSeconds(90), text -> text.contains(up));
    }
}
