package io.dtf.console.api;

import io.dtf.console.auth.Access;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.console.machines.ServicePresence;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;

/**
 * {@code GET /api/health}: whether the console is up and sees a grid, and whether that grid has a
 * coordinator (without one nothing is scheduled) and an aggregator (without one no history). Public:
 * load balancers ask it; so it says nothing more, and reads only this node's copy of the topology.
 */
public final class HealthRoutes {
    private final ConsoleGrid grid;

    public HealthRoutes(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        app.get("/api/health", this::health, Access.PUBLIC);
    }

    @OpenApi(path = "/api/health", methods = HttpMethod.GET, tags = "machines",
            summary = "Whether the console is up, how many nodes it sees, and whether a coordinator and an aggregator are up",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = Health.class)))
    void health(Context ctx) {
        ServicePresence presence = ServicePresence.of(grid.ignite());
        ctx.json(new Health("up", grid.ignite().cluster().nodes().size(), presence.coordinatorUp(),
                presence.aggregatorUp()));
    }

    /**
     * @param status      always {@code up}: an answer at all means the console is
     * @param nodes       nodes in the grid
     * @param coordinator whether the coordinator service is deployed on a live node
     * @param aggregator  whether an aggregator service is
     */
    public record Health(String status, int nodes, boolean coordinator, boolean aggregator) {
    }
}
