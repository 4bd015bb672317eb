package io.dtf.console.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures into {@link ApiError} bodies: JSON for the API, the same for pages (they are read by scripts). */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage(), e.field()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "the console failed to answer: " + e.getMessage(), null);
        });
    }

    static void answer(Context ctx, HttpStatus status, String message, String field) {
        ctx.status(status).json(new ApiError(status.getCode(), message, field));
    }
}
