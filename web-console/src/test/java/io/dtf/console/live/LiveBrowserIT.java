package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.console.Browser;
import io.dtf.console.TestConsole;
import io.dtf.node.DtfNode;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** {@code Dtf.live} in a real Chromium: the page's own script receives the grid's changes without a reload. */
class LiveBrowserIT {
    private static TestConsole console;

    @BeforeAll
    static void start() {
        console = TestConsole.start("live-browser-it", 22610);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void aWorkerThatJoinsReachesThePageWithoutAReload() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/"));
            browser.awaitElement("#dtf-conn");
            ((JavascriptExecutor) browser.driver()).executeScript("""
                    const list = Dtf.el('ul', {id: 'live-nodes'});
                    document.getElementById('main').append(list);
                    Dtf.live(batch => {
                      for (const e of batch.events || []) {
                        if (e.type === 'node') list.append(Dtf.el('li', {'data-node-id': e.nodeId, 'data-change': e.change},
                            e.change + ' ' + e.nodeId + ' ' + e.roles.join(',')));
                      }
                    });
                    """);
            browser.await(d -> "live".equals(d.findElement(By.id("dtf-conn")).getAttribute("data-state")));
            DtfNode worker = console.worker("live-browser-worker", 1, Set.of());
            String id = worker.ignite().cluster().localNode().id().toString();
            String text = browser.awaitElement("[data-node-id='" + id + "'][data-change=joined]").getText();
            assertEquals("joined " + id + " worker", text);
            browser.screenshot("live-node-joined");
            worker.close();
            browser.awaitElement("[data-node-id='" + id + "'][data-change=left]");
        }
    }
}
