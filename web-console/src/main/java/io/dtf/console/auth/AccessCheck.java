package io.dtf.console.auth;

import io.dtf.console.ConsoleSettings;
import io.dtf.console.api.ApiException;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.security.Principal;
import io.dtf.security.token.TokenRejectedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Runs before every matched route (and the WebSocket upgrade): finds the caller, refuses the request when the
 * route's {@link Access} asks for more than the caller's role, and refuses state changes that another site could
 * have made ({@link CsrfCheck}).
 *
 * <p>A caller shows a token as an {@code Authorization: Bearer} header (scripts, CI) or as the cookie that
 * {@code /login} sets (browsers). The token is checked on every request, so a revoked or expired one stops working
 * at once. Without a usable token a page request is sent to {@code /login?next=<the page>}; anything else gets a
 * 401 {@link io.dtf.console.api.ApiError}. While security is off everyone is {@link Caller#local()}, and the console
 * answers only requests addressed to the loopback interface by name ({@code localhost}, {@code 127.0.0.1},
 * {@code [::1]}), so that another site cannot reach it through a DNS name of its own that points here.
 */
public final class AccessCheck {
    private static final String BEARER = "Bearer ";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final ConsoleGrid grid;
    private final ConsoleSettings settings;

    public AccessCheck(ConsoleGrid grid, ConsoleSettings settings) {
        this.grid = grid;
        this.settings = settings;
    }

    public void register(Javalin app) {
        app.beforeMatched(ctx -> check(ctx, false));
        app.wsBeforeUpgrade(ctx -> check(ctx, true));
    }

    private void check(Context ctx, boolean webSocket) {
        Set<RouteRole> roles = ctx.routeRoles();
        Access needed = roles.stream().filter(Access.class::isInstance).map(Access.class::cast).findFirst()
                .orElse(null);
        if (needed == null) {
            if ("*".equals(ctx.matchedPath())) {
                return; // static files (/static, /webjars): public, and free of grid data
            }
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, ctx.matchedPath() + " declares no access", null);
        }
        if (!settings.secured()) {
            requireLoopbackHost(ctx);
        }
        boolean bearer = bearerHeader(ctx) != null;
        Caller caller = caller(ctx, needed == Access.PUBLIC);
        if (needed != Access.PUBLIC && caller == null) {
            if (!webSocket && isPage(ctx)) {
                SessionCookies.logOut(ctx); // a cookie whose token was refused is of no more use
                String next = LocalPaths.safe(pathAndQuery(ctx));
                ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                ctx.skipRemainingHandlers();
                return;
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "log in with a token: send 'Authorization: Bearer <token>'"
                    + " or log in on /login", null);
        }
        if (needed != Access.PUBLIC && !caller.role().grants(needed.role())) {
            throw new ApiException(HttpStatus.FORBIDDEN, caller.subject() + " has role " + caller.role().label()
                    + "; this needs " + needed.role().label() + ": ask an admin for a token with that role", null);
        }
        if (webSocket) {
            requireOwnPage(ctx); // a WebSocket is not bound by the same-origin policy: refuse other sites' pages
        } else if (!bearer && !CsrfCheck.safeMethod(ctx)) {
            CsrfCheck.check(ctx, settings.secured());
        }
        if (caller != null) {
            caller.attach(ctx);
        }
    }

    /**
     * The caller, or null when the request shows no usable token (security on). A refused token is an error on a
     * route that needs a role, and as good as none on a public one (the login page must open with an expired cookie).
     */
    private Caller caller(Context ctx, boolean lenient) {
        if (!settings.secured()) {
            return Caller.local();
        }
        String header = bearerHeader(ctx);
        boolean fromCookie = header == null;
        String token = fromCookie ? SessionCookies.token(ctx) : header;
        if (token == null) {
            return null;
        }
        try {
            Principal principal = grid.verify(token);
            return new Caller(principal.subject(), principal.role(), token);
        } catch (TokenRejectedException e) {
            if (lenient || (fromCookie && isPage(ctx))) {
                return null;
            }
            if (fromCookie) {
                SessionCookies.logOut(ctx);
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "token refused: " + e.getMessage()
                    + (fromCookie ? "; log in again on /login" : ""), null);
        }
    }

    private static String bearerHeader(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()).strip() : null;
    }

    /** A page a person opens (GET of anything outside /api and /ws): sent to the login page rather than refused. */
    static boolean isPage(Context ctx) {
        String path = ctx.path();
        return "GET".equals(ctx.method().name()) && !path.startsWith("/api/") && !path.equals("/api")
                && !path.equals("/ws") && !path.startsWith("/ws/");
    }

    private static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return query == null || query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
    }

    private static void requireLoopbackHost(Context ctx) {
        String host = ctx.header("Host");
        String name = host == null ? "" : host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        if (!LOOPBACK_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new ApiException(HttpStatus.FORBIDDEN, "security is off, so the console answers only requests to "
                    + "localhost, 127.0.0.1 or [::1] (this one was addressed to another name)", null);
        }
    }

    private static void requireOwnPage(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !CsrfCheck.sameOrigin(ctx, origin)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "refused as a possible cross-site request: the WebSocket was "
                    + "opened by another site's page (Origin is not this console)", null);
        }
    }
}
