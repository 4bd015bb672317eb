package io.dtf.console.api;

import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.machines.GridMachines;
import io.dtf.model.Alert;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.util.List;

/** {@code GET /api/alerts}: what the coordinator raised lately (quarantines, releases, refused reports). */
public final class AlertRoutes {
    private final GridMachines machines;

    public AlertRoutes(GridMachines machines) {
        this.machines = machines;
    }

    public void register(Javalin app) {
        app.get("/api/alerts", this::alerts, Access.VIEWER);
    }

    @OpenApi(path = "/api/alerts", methods = HttpMethod.GET, tags = "machines",
            summary = "The coordinator's recent alerts, newest last",
            description = "The coordinator keeps its latest 200 in memory; a new coordinator starts with none.",
            queryParams = @OpenApiParam(name = "limit", type = Integer.class,
                    description = "only the newest this many (1 to 200, default 200)"),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = AlertList.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class))})
    void alerts(Context ctx) {
        int limit = MachineParams.integer(ctx, "limit", GridMachines.MAX_ALERTS, 1, GridMachines.MAX_ALERTS);
        ctx.json(new AlertList(machines.alerts(Caller.of(ctx), limit), machines.presence().coordinatorUp()));
    }

    /**
     * @param items          the alerts, oldest first
     * @param coordinatorUp  whether a coordinator is up; without one there are no alerts to read
     */
    public record AlertList(List<Alert> items, boolean coordinatorUp) {
    }
}
