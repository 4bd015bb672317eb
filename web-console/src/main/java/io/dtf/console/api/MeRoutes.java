package io.dtf.console.api;

import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;

/** {@code GET /api/me}: who the console takes the caller for, so that pages offer only what the role may do. */
public final class MeRoutes {
    private final ConsoleGrid grid;

    public MeRoutes(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        app.get("/api/me", this::me, Access.VIEWER);
    }

    @OpenApi(path = "/api/me", methods = HttpMethod.GET, tags = "Access", summary = "The caller's subject and role",
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = Me.class)),
                @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class))
            })
    void me(Context ctx) {
        Caller caller = Caller.of(ctx);
        ctx.json(new Me(caller.subject(), caller.role().label(), grid.secured()));
    }
}
