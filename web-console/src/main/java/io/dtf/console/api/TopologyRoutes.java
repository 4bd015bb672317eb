package io.dtf.console.api;

import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.machines.GridMachines;
import io.dtf.console.machines.GridTopology;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;

/** {@code GET /api/topology}: every node with its roles, grouped as the topology page draws them. */
public final class TopologyRoutes {
    private final GridMachines machines;

    public TopologyRoutes(GridMachines machines) {
        this.machines = machines;
    }

    public void register(Javalin app) {
        app.get("/api/topology", this::topology, Access.VIEWER);
    }

    @OpenApi(path = "/api/topology", methods = HttpMethod.GET, tags = "machines",
            summary = "Every node with its roles: the coordinator's host, data, aggregator and console nodes, workers by hardware class",
            description = "Lists at most 1000 nodes (truncated says when there are more); the groups and total cover all.",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = GridTopology.class)))
    void topology(Context ctx) {
        ctx.json(machines.topology(Caller.of(ctx)));
    }
}
