package io.dtf.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.console.Browser;
import io.dtf.console.SecureConsole;
import io.dtf.console.TestRoutes;
import io.dtf.security.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** Logging in through the login page in a real Chromium, and what a viewer's and a submitter's pages may then do. */
class LoginBrowserIT {
    private static SecureConsole console;
    private static TestRoutes routes;

    @BeforeAll
    static void start() {
        console = SecureConsole.start("login-browser-it", 22710, 22736, 22738);
        routes = TestRoutes.register(console.server());
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aViewerLogsInThroughThePageAndItsPageCannotSubmit() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/?tab=runs"));
            browser.await(d -> d.getCurrentUrl().contains("/login?next="));
            browser.awaitElement("#token");
            assertTrue(Files.size(browser.screenshot("login")) > 0);

            browser.driver().findElement(By.id("token")).sendKeys("not-a-token");
            browser.driver().findElement(By.id("login-submit")).click();
            String error = browser.awaitElement("#login-error").getText();
            assertTrue(error.contains("not a JWT"), error);
            assertFalse(browser.driver().getPageSource().contains("not-a-token"), "the page does not echo the token");
            browser.screenshot("login-refused");

            browser.driver().findElement(By.id("token")).sendKeys(console.token(Role.VIEWER, "vic"));
            browser.driver().findElement(By.id("login-submit")).click();
            browser.await(d -> d.getCurrentUrl().endsWith("/?tab=runs"));
            assertEquals("vic (viewer)", browser.awaitElement("#dtf-me").getText());
            assertTrue(browser.driver().manage().getCookieNamed("dtf_token").isHttpOnly());
            assertFalse((Boolean) script(browser, "return document.cookie.includes('dtf_token')"),
                    "the token cookie is out of scripts' reach");

            Object ws = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "const ws = new WebSocket('ws://' + location.host + '/ws');"
                            + "ws.onmessage = (m) => { ws.close(); done(m.data); };"
                            + "ws.onerror = () => done('error');");
            assertTrue(String.valueOf(ws).contains("\"seq\""), "the page's policy lets it open /ws with the cookie: " + ws);

            int before = routes.submitted();
            Map<?, ?> refused = call(browser, "/api/test/submitter");
            assertEquals(403L, refused.get("status"), refused.toString());
            assertTrue(String.valueOf(refused.get("message")).contains("vic has role viewer; this needs submitter"),
                    refused.toString());
            assertEquals(before, routes.submitted(), "nothing was done");
            Map<?, ?> runs = call(browser, "/api/runs");
            long status = (Long) runs.get("status");
            assertTrue(status == 403 || status == 404, "a viewer cannot submit a suite: " + runs);
            browser.screenshot("login-viewer");
        }
    }

    @Test
    void aSubmittersPageChangesStateWithTheCsrfTokenAndLogsOut() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/login"));
            browser.awaitElement("#token").sendKeys(console.token(Role.SUBMITTER, "sam"));
            browser.driver().findElement(By.id("login-submit")).click();
            browser.awaitElement("#dtf-me");

            int before = routes.submitted();
            Map<?, ?> done = call(browser, "/api/test/submitter");
            assertEquals(200L, done.get("status"), done.toString());
            assertEquals(before + 1, routes.submitted());

            // Sent to the login page from this site while logged in (say, by a page that found a cookie missing):
            // the console sends the browser on at once.
            browser.go(console.uri("/login?next=%2F%3Frun%3Dr-7"));
            browser.await(d -> d.getCurrentUrl().endsWith("/?run=r-7"));

            // A link from another site arrives without the strict cookie and gets the login form, whose script
            // (its request carries the cookie) sends the browser on: the next page's referrer is the login page.
            String link = "<a id='away' href='" + console.uri("/login?next=%2F%3Frun%3Dr-8") + "'>a shared run</a>";
            browser.driver().get("data:text/html;charset=utf-8," + URLEncoder.encode(link, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            browser.awaitElement("#away").click();
            browser.await(d -> d.getCurrentUrl().endsWith("/?run=r-8"));
            String referrer = (String) script(browser, "return document.referrer");
            assertTrue(referrer.contains("/login?next="), "sent on by the login page's script: " + referrer);

            browser.awaitElement("#dtf-logout").click();
            browser.await(d -> d.getCurrentUrl().endsWith("/login"));
            browser.go(console.uri("/"));
            browser.await(d -> d.getCurrentUrl().contains("/login?next="));
        }
    }

    @Test
    void theLoginPageFitsAPhoneAndFollowsTheChosenTheme() {
        try (Browser browser = Browser.open(390, 844)) {
            browser.go(console.uri("/login"));
            browser.awaitElement("#token");
            script(browser, "localStorage.setItem('dtf.theme', 'dark')");
            browser.driver().navigate().refresh();
            browser.awaitElement("#token");
            assertEquals("dark", script(browser, "return document.documentElement.getAttribute('data-theme')"));
            long viewport = (Long) script(browser, "return window.innerWidth");
            assertEquals(390L, viewport, "a phone's width");
            long right = (Long) script(browser, "return Math.round(document.getElementById('token')"
                    + ".getBoundingClientRect().right)");
            assertTrue(right <= viewport, "the token field fits the screen: " + right + " of " + viewport);
            assertEquals(viewport, script(browser, "return document.documentElement.scrollWidth"),
                    "no sideways scrolling");
            browser.screenshot("login-phone-dark");
        }
    }

    private static Object script(Browser browser, String js) {
        return ((JavascriptExecutor) browser.driver()).executeScript(js);
    }

    /** POSTs to {@code path} with the page's own {@code Dtf.api}; answers {status, message}. */
    private static Map<?, ?> call(Browser browser, String path) {
        Object answer = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Dtf.api(arguments[0], {method: 'POST', json: {suite: 'x'}})"
                        + ".then(() => done({status: 200, message: 'ok'}))"
                        + ".catch(e => done({status: e.status, message: e.message}));", path);
        return (Map<?, ?>) answer;
    }
}
