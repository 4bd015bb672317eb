package io.dtf.console.auth;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * Headers on every answer that keep a browser from doing more with the console's pages than they need: scripts,
 * styles and connections from the console itself only (the pages have no inline script or style), no framing by
 * other sites, no content-type guessing, no referrer to other sites, and no caching of API answers and pages (they
 * hold grid data a shared machine should not keep). Static files may be cached.
 *
 * <p>Swagger UI ({@code /swagger}) is a page of its own with an inline script and styles: only that page gets a
 * policy that allows them.
 */
public final class SecurityHeaders {
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String SWAGGER_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void register(Javalin app) {
        app.before(SecurityHeaders::add);
    }

    private static void add(Context ctx) {
        String path = ctx.path();
        ctx.header("Content-Security-Policy", path.equals("/swagger") || path.startsWith("/swagger/")
                ? SWAGGER_POLICY : POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        if (!path.startsWith("/static/") && !path.startsWith("/webjars/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
