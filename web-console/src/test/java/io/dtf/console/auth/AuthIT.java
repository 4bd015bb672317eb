package io.dtf.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.console.SecureConsole;
import io.dtf.console.TestRoutes;
import io.dtf.security.Role;
import io.dtf.security.token.TokenIssuer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what in the console of a grid with security on: each role on routes of each level, the login cookie,
 * refused tokens, CSRF, open redirects, security headers and the WebSocket, against a real grid over real HTTP.
 */
class AuthIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient(); // follows no redirect: tests read them
    private static final Pattern COOKIE = Pattern.compile("^([a-z_]+)=([^;]*)");
    private static SecureConsole console;
    private static TestRoutes routes;
    private static String origin;

    @BeforeAll
    static void start() {
        console = SecureConsole.start("auth-it", 22700, 22735, 22737);
        routes = TestRoutes.register(console.server());
        origin = console.server().url();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void eachRoleReachesTheRoutesOfItsLevelAndNoneAbove() throws Exception {
        Map<Role, String> tokens = Map.of(Role.VIEWER, console.token(Role.VIEWER, "vic"),
                Role.SUBMITTER, console.token(Role.SUBMITTER, "sam"), Role.ADMIN, console.token(Role.ADMIN, "ada"));
        for (Map.Entry<Role, String> e : tokens.entrySet()) {
            Role role = e.getKey();
            String bearer = "Bearer " + e.getValue();
            assertEquals(200, send(get("/api/health").header("Authorization", bearer)).statusCode(), role + " health");
            assertEquals(200, send(get("/").header("Authorization", bearer)).statusCode(), role + " overview page");
            HttpResponse<String> me = send(get("/api/me").header("Authorization", bearer));
            assertEquals(200, me.statusCode());
            assertTrue(me.body().contains("\"role\":\"" + role.label() + "\""), me.body());

            int submitted = routes.submitted();
            HttpResponse<String> submit = send(post("/api/test/submitter").header("Authorization", bearer));
            assertEquals(role == Role.VIEWER ? 403 : 200, submit.statusCode(), role + " submitter route: " + submit.body());
            assertEquals(role == Role.VIEWER ? submitted : submitted + 1, routes.submitted());
            int administered = routes.administered();
            HttpResponse<String> admin = send(post("/api/test/admin").header("Authorization", bearer));
            assertEquals(role == Role.ADMIN ? 200 : 403, admin.statusCode(), role + " admin route: " + admin.body());
            assertEquals(role == Role.ADMIN ? administered + 1 : administered, routes.administered());
            if (role == Role.VIEWER) {
                assertTrue(submit.body().contains("vic has role viewer; this needs submitter"), submit.body());
            }
            assertOpens(webSocket(Map.of("Authorization", bearer)), role + " WebSocket");
        }
        assertEquals(200, send(get("/api/health")).statusCode(), "health is public");
        HttpResponse<String> anonymous = send(post("/api/test/submitter"));
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body().contains("log in with a token"), anonymous.body());
        String node = console.issueNode("node-1");
        assertEquals(403, send(get("/api/me").header("Authorization", "Bearer " + node)).statusCode(),
                "a node token is no person's");
    }

    @Test
    void aPageWithoutALoginGoesToTheLoginPageAndTheApiAnswers401() throws Exception {
        HttpResponse<String> page = send(get("/?state=FAILED&x=1"));
        assertEquals(302, page.statusCode());
        assertEquals("/login?next=" + URLEncoder.encode("/?state=FAILED&x=1", StandardCharsets.UTF_8),
                page.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> api = send(get("/api/me"));
        assertEquals(401, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(api.body().contains("\"status\":401"), api.body());
    }

    @Test
    void loggingInSetsAStrictHttpOnlyCookieThatLastsNoLongerThanTheToken() throws Exception {
        TokenIssuer.Issued viewer = console.issue(Role.VIEWER, "vera");
        String csrf = csrfFromLoginPage();
        HttpResponse<String> login = send(form("/login", Map.of("token", viewer.token(), "next", "/?run=r-1",
                "csrf", csrf), Map.of("Cookie", "dtf_csrf=" + csrf, "Origin", origin)));
        assertEquals(303, login.statusCode(), login.body());
        assertEquals("/?run=r-1", login.headers().firstValue("Location").orElseThrow());
        String tokenCookie = setCookie(login, "dtf_token");
        assertTrue(tokenCookie.startsWith("dtf_token=" + viewer.token() + ";"), tokenCookie);
        for (String attribute : List.of("HttpOnly", "SameSite=Strict", "Path=/")) {
            assertTrue(tokenCookie.contains("; " + attribute), attribute + " in " + tokenCookie);
        }
        assertFalse(tokenCookie.contains("Secure"), "plain HTTP: a Secure cookie would never come back");
        long maxAge = Long.parseLong(tokenCookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertTrue(maxAge <= 3600 && maxAge > 3500, tokenCookie);
        String csrfCookie = setCookie(login, "dtf_csrf");
        assertFalse(csrfCookie.contains("HttpOnly"), "pages' scripts read it: " + csrfCookie);
        assertTrue(csrfCookie.contains("SameSite=Strict"), csrfCookie);

        Session session = new Session(value(tokenCookie), value(csrfCookie));
        assertEquals(200, send(get("/").header("Cookie", session.cookies())).statusCode());
        assertTrue(send(get("/api/me").header("Cookie", session.cookies())).body().contains("\"subject\":\"vera\""));

        HttpResponse<String> overHttps = send(form("/login", Map.of("token", viewer.token(), "csrf", csrf),
                Map.of("Cookie", "dtf_csrf=" + csrf, "Origin", origin, "X-Forwarded-Proto", "https")));
        assertTrue(setCookie(overHttps, "dtf_token").contains("; Secure"), "behind an HTTPS proxy");

        HttpResponse<String> logout = send(post("/logout").header("Cookie", session.cookies())
                .header("X-CSRF-Token", session.csrf()).header("Origin", origin));
        assertEquals(303, logout.statusCode(), logout.body());
        assertTrue(setCookie(logout, "dtf_token").contains("Max-Age=0"));
    }

    @Test
    void forgedOversizedExpiredAndRevokedTokensAreRefusedWithTheReasonAndNotRepeated() throws Exception {
        String good = console.token(Role.ADMIN, "mallory");
        Map<String, String> bad = Map.of(
                "signature does not verify", SecureConsole.forged(good),
                "characters long", "a".repeat(9 * 1024),
                "expired at", console.expired(Role.ADMIN, "old"),
                "not a JWT", "not-a-token");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> api = send(get("/api/me").header("Authorization", "Bearer " + e.getValue()));
            boolean oversized = e.getValue().length() > 8 * 1024;
            // A header over 8 KiB is refused by the HTTP server itself, before the console reads it.
            assertEquals(oversized ? 431 : 401, api.statusCode(), e.getKey());
            assertTrue(oversized || api.body().contains(e.getKey()), api.body());
            assertFalse(api.body().contains(e.getValue()), "the token is not repeated");

            String csrf = csrfFromLoginPage();
            HttpResponse<String> login = send(form("/login", Map.of("token", e.getValue(), "csrf", csrf),
                    Map.of("Cookie", "dtf_csrf=" + csrf, "Origin", origin)));
            assertEquals(401, login.statusCode(), e.getKey());
            assertTrue(login.body().contains("id=\"login-error\"") && login.body().contains(e.getKey()), login.body());
            assertFalse(login.body().contains(e.getValue()), "the login page does not echo the token");
            assertTrue(login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("dtf_token=")));
        }

        TokenIssuer.Issued revoked = console.issue(Role.SUBMITTER, "leaver");
        Session session = logIn(revoked.token());
        assertEquals(200, send(get("/").header("Cookie", session.cookies())).statusCode());
        console.revoke(revoked.tokenId());
        HttpResponse<String> page = send(get("/").header("Cookie", session.cookies()));
        assertEquals(302, page.statusCode(), "the next request after the revocation goes to the login page");
        assertTrue(setCookie(page, "dtf_token").contains("Max-Age=0"), "and the dead cookie is cleared");
        HttpResponse<String> api = send(get("/api/me").header("Cookie", session.cookies()));
        assertEquals(401, api.statusCode());
        assertTrue(api.body().contains("was revoked"), api.body());
        assertEquals(401, send(get("/api/me").header("Authorization", "Bearer " + revoked.token())).statusCode());
        assertRefused(webSocket(Map.of("Cookie", session.cookies())), 401);
    }

    @Test
    void theLoginPageSendsABrowserLoggedInOnOnlyWhenItWasGoingSomewhere() throws Exception {
        TokenIssuer.Issued viewer = console.issue(Role.VIEWER, "nora");
        Session session = logIn(viewer.token());
        String next = URLEncoder.encode("/runs?state=FAILED", StandardCharsets.UTF_8);
        HttpResponse<String> sent = send(get("/login?next=" + next).header("Cookie", session.cookies()));
        assertEquals(303, sent.statusCode());
        assertEquals("/runs?state=FAILED", sent.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> away = send(get("/login?next=" + URLEncoder.encode("//evil.example", StandardCharsets.UTF_8))
                .header("Cookie", session.cookies()));
        assertEquals("/", away.headers().firstValue("Location").orElseThrow(), "only to a path of this console");

        assertEquals(200, send(get("/login").header("Cookie", session.cookies())).statusCode(),
                "opening /login itself shows the form: one may log in as someone else");
        assertEquals(200, send(get("/login?next=" + next)).statusCode(), "no cookie: the form");
        Session node = new Session(console.issueNode("n1"), "x");
        assertEquals(200, send(get("/login?next=" + next).header("Cookie", node.cookies())).statusCode(),
                "a node token is no login");
        console.revoke(viewer.tokenId());
        assertEquals(200, send(get("/login?next=" + next).header("Cookie", session.cookies())).statusCode(),
                "a revoked login: the form");
    }

    @Test
    void aCookieStateChangeWithoutTheCsrfTokenOrFromAnotherSiteIsRefusedAndDoesNothing() throws Exception {
        Session session = logIn(console.token(Role.SUBMITTER, "sue"));
        int before = routes.submitted();
        Map<String, HttpRequest.Builder> refused = Map.of(
                "header is missing", post("/api/test/submitter").header("Cookie", session.cookies())
                        .header("Origin", origin),
                "does not match", post("/api/test/submitter").header("Cookie", session.cookies())
                        .header("Origin", origin).header("X-CSRF-Token", session.csrf() + "x"),
                "another site's page", post("/api/test/submitter").header("Cookie", session.cookies())
                        .header("Origin", "http://evil.example").header("X-CSRF-Token", session.csrf()),
                "no Origin or Referer", post("/api/test/submitter").header("Cookie", session.cookies())
                        .header("X-CSRF-Token", session.csrf()),
                "another site's page (Referer", post("/api/test/submitter").header("Cookie", session.cookies())
                        .header("Referer", "http://127.0.0.1:1/x").header("X-CSRF-Token", session.csrf()));
        for (Map.Entry<String, HttpRequest.Builder> e : refused.entrySet()) {
            HttpResponse<String> r = send(e.getValue());
            assertEquals(403, r.statusCode(), e.getKey());
            assertTrue(r.body().contains(e.getKey()), e.getKey() + ": " + r.body());
        }
        assertEquals(before, routes.submitted(), "nothing was done");

        HttpResponse<String> sameSite = send(post("/api/test/submitter").header("Cookie", session.cookies())
                .header("Referer", origin + "/submit").header("X-CSRF-Token", session.csrf()));
        assertEquals(200, sameSite.statusCode(), sameSite.body());
        assertEquals(before + 1, routes.submitted());
        HttpResponse<String> bearer = send(post("/api/test/submitter").header("Authorization", "Bearer "
                + console.token(Role.SUBMITTER, "ci")));
        assertEquals(200, bearer.statusCode(), "a Bearer header needs no CSRF token: " + bearer.body());

        String csrf = csrfFromLoginPage();
        HttpResponse<String> loginFromElsewhere = send(form("/login", Map.of("token", console.token(Role.ADMIN, "a"),
                "csrf", csrf), Map.of("Cookie", "dtf_csrf=" + csrf, "Origin", "http://evil.example")));
        assertEquals(403, loginFromElsewhere.statusCode(), "nobody is logged in by another site's form");
    }

    @Test
    void theLoginSendsTheBrowserToLocalPathsOnly() throws Exception {
        String token = console.token(Role.VIEWER, "val");
        for (String next : List.of("//evil.example/x", "https://evil.example", "/\\evil.example", "http:/x",
                "/ok\r\nSet-Cookie: a=b", "javascript:alert(1)")) {
            String csrf = csrfFromLoginPage();
            HttpResponse<String> r = send(form("/login", Map.of("token", token, "next", next, "csrf", csrf),
                    Map.of("Cookie", "dtf_csrf=" + csrf, "Origin", origin)));
            assertEquals(303, r.statusCode(), next);
            assertEquals("/", r.headers().firstValue("Location").orElseThrow(), next);
        }
        HttpResponse<String> page = send(get("/login?next=" + URLEncoder.encode("//evil.example", StandardCharsets.UTF_8)));
        assertTrue(page.body().contains("name=\"next\" value=\"/\""), page.body());
        HttpResponse<String> quoted = send(get("/login?next=" + URLEncoder.encode("/runs?q=\"><script>x</script>",
                StandardCharsets.UTF_8)));
        assertFalse(quoted.body().contains("<script>x"), "escaped: " + quoted.body());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/login", "/api/health", "/api/me", "/static/app.css", "/no-such-page")) {
            HttpResponse<String> r = send(get(path));
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
            assertEquals("same-origin", r.headers().firstValue("Referrer-Policy").orElse(null), path);
            String cache = r.headers().firstValue("Cache-Control").orElse("");
            assertEquals(!path.startsWith("/static/"), cache.contains("no-store"), path + ": " + cache);
        }
    }

    @Test
    void theWebSocketIsRefusedWithoutALoginAndToAnotherSitesPage() throws Exception {
        assertRefused(webSocket(Map.of()), 401);
        Session session = logIn(console.token(Role.VIEWER, "wes"));
        assertOpens(webSocket(Map.of("Cookie", session.cookies(), "Origin", origin)), "logged in");
        assertRefused(webSocket(Map.of("Cookie", session.cookies(), "Origin", "http://evil.example")), 403);
    }

    // --- helpers ---

    private record Session(String token, String csrf) {
        String cookies() {
            return "dtf_token=" + token + "; dtf_csrf=" + csrf;
        }
    }

    private static Session logIn(String token) throws Exception {
        String csrf = csrfFromLoginPage();
        HttpResponse<String> login = send(form("/login", Map.of("token", token, "csrf", csrf),
                Map.of("Cookie", "dtf_csrf=" + csrf, "Origin", origin)));
        assertEquals(303, login.statusCode(), login.body());
        return new Session(value(setCookie(login, "dtf_token")), value(setCookie(login, "dtf_csrf")));
    }

    private static String csrfFromLoginPage() throws Exception {
        HttpResponse<String> page = send(get("/login"));
        assertEquals(200, page.statusCode());
        return value(setCookie(page, "dtf_csrf"));
    }

    private static String setCookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers().map()));
    }

    private static String value(String setCookie) {
        Matcher m = COOKIE.matcher(setCookie);
        assertTrue(m.find(), setCookie);
        return m.group(2);
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(console.uri(path)).GET();
    }

    private static HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(console.uri(path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder form(String path, Map<String, String> fields, Map<String, String> headers) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(console.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(b::header);
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.concurrent.CompletableFuture<WebSocket> webSocket(Map<String, String> headers) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        headers.forEach(b::header);
        URI ws = URI.create(console.server().url().replace("http://", "ws://") + "/ws");
        return b.buildAsync(ws, new WebSocket.Listener() { });
    }

    private static void assertOpens(java.util.concurrent.CompletableFuture<WebSocket> ws, String what) throws Exception {
        WebSocket socket = ws.get(10, TimeUnit.SECONDS);
        assertNotNull(socket, what);
        socket.abort();
    }

    private static void assertRefused(java.util.concurrent.CompletableFuture<WebSocket> ws, int status) {
        CompletionException e = assertThrows(CompletionException.class, ws::join);
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(status, handshake.getResponse().statusCode());
    }
}
