package io.dtf.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The console comes up with a node that has the role, and a real browser renders its shell. */
class ConsoleShellIT {
    private static TestConsole console;

    @BeforeAll
    static void start() {
        console = TestConsole.start("console-shell-it", 22000);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void healthAnswersWithTheGridsNodes() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(console.uri("/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"nodes\":1"), r.body());
    }

    @Test
    void theBrowserShowsTheHeaderAndTheOverview() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/"));
            browser.awaitElement("header.top nav a[aria-current=page]");
            browser.await(d -> d.findElement(By.id("overview")).getText().contains("node"));
            browser.screenshot("shell-overview");
        }
    }
}
