package io.dtf.console.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.console.pages.Pages;
import io.dtf.model.Alert;
import io.dtf.model.FaultQuery;
import io.dtf.model.FaultReport;
import io.dtf.model.WorkerView;
import io.dtf.wire.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The fault-tolerance view: {@code GET /api/faults} (history from the aggregator, the quarantine now from the
 * coordinator) and the page {@code /faults} that shows it.
 */
public final class FaultRoutes {
    /** The most alerts one answer carries (the coordinator keeps 200). */
    static final int MAX_ALERTS = 50;
    private static final String NO_AGGREGATOR = "no aggregator is up: the fault history lives in an aggregator's "
            + "DuckDB file; start a node with the aggregator role (dtf node --roles aggregator, or a server with "
            + "config/ignite-server.xml) and ask again";

    private final ConsoleGrid grid;

    public FaultRoutes(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        app.get("/api/faults", this::faults, Access.VIEWER);
        new Pages().page(app, "/faults", "faults", Access.VIEWER);
    }

    @OpenApi(path = "/api/faults", methods = HttpMethod.GET, tags = "Fault tolerance",
            summary = "Retries by failure category, failovers, failures per worker, quarantines and flaky tests",
            description = "History from the aggregator's DuckDB file over the latest runs (default 20) or a time "
                    + "window; the quarantine now and recent alerts from the coordinator.",
            queryParams = {
                    @OpenApiParam(name = "runs", type = Integer.class,
                            description = "the latest this many runs, 1 to 1000; not with since/until"),
                    @OpenApiParam(name = "since", description = "an ISO instant (2025-03-01T00:00:00Z) or an age: 30m, 24h, 7d"),
                    @OpenApiParam(name = "until", description = "an ISO instant, after since"),
                    @OpenApiParam(name = "limit", type = Integer.class,
                            description = "rows per list, 1 to 1000 (default 50); counts cover everything")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = FaultsView.class)),
                    @OpenApiResponse(status = "400", description = "a parameter is wrong; field names it",
                            content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "503", description = "no aggregator is up, or it is starting",
                            content = @OpenApiContent(from = ApiError.class))})
    void faults(Context ctx) {
        FaultQuery query = FaultParams.read(param(ctx, "runs"), param(ctx, "since"), param(ctx, "until"),
                param(ctx, "limit"), Instant.now());
        Caller caller = Caller.of(ctx);
        FaultReport history = history(caller, query);
        List<WorkerView> held;
        List<Alert> alerts;
        try {
            held = Json.read(grid.coordinator(caller).workers(), new TypeReference<List<WorkerView>>() { }).stream()
                    .filter(w -> w.quarantinedUntil() != null).toList();
            alerts = Json.read(grid.coordinator(caller).alerts(), new TypeReference<List<Alert>>() { });
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the coordinator did not answer (it may be "
                    + "moving to another node); ask again in a few seconds: " + e.getMessage(), null);
        }
        List<Alert> newest = alerts.stream().sorted(Comparator.comparing(Alert::at,
                Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed()).limit(MAX_ALERTS).toList();
        ctx.json(new FaultsView(history, held, newest));
    }

    private FaultReport history(Caller caller, FaultQuery query) {
        if (!grid.aggregatorUp()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NO_AGGREGATOR, null);
        }
        try {
            return Json.read(grid.aggregator(caller).faults(Json.write(query)), FaultReport.class);
        } catch (RuntimeException e) {
            if (says(e, "has not opened its DuckDB file") || says(e, "Service not found")) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NO_AGGREGATOR, null);
            }
            throw e;
        }
    }

    /** A blank parameter (an empty field of a form) is one not given. */
    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean says(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }
}
