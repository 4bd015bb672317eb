package io.dtf.console.api;

import io.dtf.console.auth.Access;
import io.dtf.console.grid.ConsoleGrid;
import io.javalin.Javalin;
import java.util.Map;

/** {@code GET /api/health}: whether the console is up and sees a grid. Public: load balancers ask it. */
public final class HealthRoutes {
    private final ConsoleGrid grid;

    public HealthRoutes(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        app.get("/api/health", ctx -> ctx.json(Map.of(
                "status", "up",
                "nodes", grid.ignite().cluster().nodes().size())), Access.PUBLIC);
    }
}
