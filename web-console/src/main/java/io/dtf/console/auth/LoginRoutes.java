package io.dtf.console.auth;

import io.dtf.console.ConsoleSettings;
import io.dtf.console.api.ApiException;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.security.Principal;
import io.dtf.security.Role;
import io.dtf.security.token.TokenRejectedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Logging in and out of the console in a browser: {@code GET /login} (the form), {@code POST /login} (checks the
 * token with the grid and sets the cookies of {@link SessionCookies}), {@code POST /logout}, and
 * {@code GET /api/me} (who the console takes the caller for, so that pages can show it).
 */
public final class LoginRoutes {
    private final ConsoleGrid grid;
    private final ConsoleSettings settings;

    public LoginRoutes(ConsoleGrid grid, ConsoleSettings settings) {
        this.grid = grid;
        this.settings = settings;
    }

    public void register(Javalin app) {
        app.get("/login", this::page, Access.PUBLIC);
        app.post("/login", this::logIn, Access.PUBLIC);
        app.post("/logout", this::logOut, Access.PUBLIC);
        app.get("/api/me", this::me, Access.VIEWER);
    }

    private void page(Context ctx) {
        if (!settings.secured()) {
            html(ctx, HttpStatus.OK, LoginPage.securityOff());
            return;
        }
        String next = LocalPaths.safe(ctx.queryParam("next"));
        // Sent here from a page of this site while logged in: on at once, without the form or a script. A link from
        // another site arrives without the SameSite=Strict cookie; then the page's script asks /api/me, whose request
        // carries it.
        Caller caller = Caller.ifShown(ctx);
        if (ctx.queryParam("next") != null && caller != null && caller.role() != Role.NODE) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, HttpStatus.OK, LoginPage.form(next, SessionCookies.ensureCsrf(ctx), null));
    }

    private void logIn(Context ctx) {
        if (!settings.secured()) {
            throw ApiException.badRequest(null, "security is off on this grid: there is nothing to log in to");
        }
        String next = LocalPaths.safe(ctx.formParam("next"));
        String token = ctx.formParam("token");
        token = token == null ? null : token.strip();
        Principal principal;
        try {
            principal = grid.verify(token);
        } catch (TokenRejectedException e) {
            refuse(ctx, next, "That token was refused: " + e.getMessage() + ".");
            return;
        }
        if (principal.role() == Role.NODE) {
            refuse(ctx, next, "That is a node token, for starting grid nodes: log in with a viewer, submitter or admin "
                    + "token (dtf token create --role viewer).");
            return;
        }
        Duration life = Duration.between(Instant.now(), principal.expiresAt());
        SessionCookies.logIn(ctx, token, life);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** The form again, saying why; the token is not repeated (the message names it by id at most). */
    private static void refuse(Context ctx, String next, String why) {
        html(ctx, HttpStatus.UNAUTHORIZED, LoginPage.form(next, SessionCookies.ensureCsrf(ctx), why));
    }

    private void logOut(Context ctx) {
        SessionCookies.logOut(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    @OpenApi(path = "/api/me", methods = HttpMethod.GET, tags = "Access",
            summary = "Who the console takes the caller for: subject, role, and whether security is on",
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = Me.class)),
                @OpenApiResponse(status = "401", content = @OpenApiContent(from = io.dtf.console.api.ApiError.class))})
    private void me(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(new Me(caller.subject(), caller.role().label(), settings.secured()));
    }

    /**
     * The answer of {@code GET /api/me}.
     *
     * @param subject who the token was issued to ({@code local} while security is off)
     * @param role    {@code viewer}, {@code submitter} or {@code admin}
     * @param secured whether the console asks for logins (the grid's security is on)
     */
    public record Me(String subject, String role, boolean secured) {
    }

    private static void html(Context ctx, HttpStatus status, String page) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(page);
    }
}
