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
import java.util.Set;

/**
 * Runs before every matched route (and the WebSocket upgrade): finds the caller and refuses the
 * request when the route's {@link Access} asks for more than the caller's role.
 */
public final class AccessCheck {
    private static final String BEARER = "Bearer ";

    private final ConsoleGrid grid;
    private final ConsoleSettings settings;

    public AccessCheck(ConsoleGrid grid, ConsoleSettings settings) {
        this.grid = grid;
        this.settings = settings;
    }

    public void register(Javalin app) {
        app.beforeMatched(this::check);
        app.wsBeforeUpgrade(this::check);
    }

    private void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        Access needed = roles.stream().filter(Access.class::isInstance).map(Access.class::cast).findFirst()
                .orElse(null);
        if (needed == null) {
            if ("*".equals(ctx.matchedPath())) {
                return; // static files (/static, /webjars): public, and free of grid data
            }
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, ctx.matchedPath() + " declares no access", null);
        }
        Caller caller = caller(ctx);
        if (needed != Access.PUBLIC && (caller == null || !caller.role().grants(needed.role()))) {
            if (caller == null) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "log in with a token: send 'Authorization: Bearer <token>'"
                        + " or log in on /login", null);
            }
            throw new ApiException(HttpStatus.FORBIDDEN, caller.subject() + " has role " + caller.role().label()
                    + "; this needs " + needed.role().label() + ": ask an admin for a token with that role", null);
        }
        if (caller != null) {
            caller.attach(ctx);
        }
    }

    /** The caller, or null when the request carries no token (security on). */
    private Caller caller(Context ctx) {
        if (!settings.secured()) {
            return Caller.local();
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith(BEARER)) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        try {
            Principal principal = grid.verify(token);
            return new Caller(principal.subject(), principal.role(), token);
        } catch (TokenRejectedException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "token refused: " + e.getMessage(), null);
        }
    }
}
