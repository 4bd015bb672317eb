package io.dtf.console.api;

import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.console.machines.GridMachines;
import io.dtf.console.machines.Overview;
import io.dtf.console.machines.OverviewReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;

/**
 * {@code GET /api/overview}: the grid at a glance. Starts sampling the runs' progress when the server
 * starts (a pace and an ETA need looks some time apart) and stops when it stops.
 */
public final class OverviewRoutes {
    private final OverviewReader reader;

    public OverviewRoutes(ConsoleGrid grid) {
        this.reader = new OverviewReader(grid, new GridMachines(grid));
    }

    public void register(Javalin app) {
        app.events(events -> {
            events.serverStarted(reader::start);
            events.serverStopping(reader::close);
        });
        app.get("/api/overview", this::overview, Access.VIEWER);
    }

    @OpenApi(path = "/api/overview", methods = HttpMethod.GET, tags = "machines",
            summary = "The grid at a glance: services up, workers, slots, queue, throughput, active runs with ETA",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = Overview.class)))
    void overview(Context ctx) {
        ctx.json(reader.read(Caller.of(ctx)));
    }
}
