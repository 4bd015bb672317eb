package io.dtf.console.api;

import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.machines.GridMachines;
import io.dtf.console.machines.WorkerDetail;
import io.dtf.console.machines.WorkerList;
import io.dtf.wire.SafeText;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;

/**
 * The grid's workers: {@code GET /api/workers}, {@code GET /api/workers/{id}} and
 * {@code POST /api/workers/{id}/release} (ends a quarantine; admins only).
 */
public final class WorkerRoutes {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1_000;
    private static final int MAX_OFFSET = 1_000_000;

    private final GridMachines machines;

    public WorkerRoutes(GridMachines machines) {
        this.machines = machines;
    }

    public void register(Javalin app) {
        app.get("/api/workers", this::list, Access.VIEWER);
        app.get("/api/workers/{id}", this::one, Access.VIEWER);
        app.post("/api/workers/{id}/release", this::release, Access.ADMIN);
    }

    @OpenApi(path = "/api/workers", methods = HttpMethod.GET, tags = "machines",
            summary = "The grid's workers: hardware, slots, load, failure streak, quarantine",
            description = "Every node with the worker role, sorted by hardware class, host and id, merged with the"
                    + " coordinator's view of it. Without a coordinator, state is 'unknown' and load fields are null.",
            queryParams = {
                    @OpenApiParam(name = "hwClass", description = "only workers of this hardware class"),
                    @OpenApiParam(name = "offset", type = Integer.class, description = "workers to skip (0 to 1000000)"),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "at most this many (1 to 1000, default 500)")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = WorkerList.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class))})
    void list(Context ctx) {
        String hwClass = MachineParams.text(ctx, "hwClass");
        int offset = MachineParams.integer(ctx, "offset", 0, 0, MAX_OFFSET);
        int limit = MachineParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        ctx.json(machines.workers(Caller.of(ctx), hwClass, offset, limit));
    }

    @OpenApi(path = "/api/workers/{id}", methods = HttpMethod.GET, tags = "machines",
            summary = "One worker, the tasks running on it now, its recent failures and alerts",
            pathParams = @OpenApiParam(name = "id", required = true, description = "the worker's node id (a UUID)"),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = WorkerDetail.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void one(Context ctx) {
        String id = MachineParams.nodeId(ctx);
        ctx.json(machines.worker(Caller.of(ctx), id).orElseThrow(() -> unknown(id)));
    }

    @OpenApi(path = "/api/workers/{id}/release", methods = HttpMethod.POST, tags = "machines",
            summary = "Ends a worker's quarantine at once (admin)",
            description = "Asks the coordinator, as the caller, to let the worker take work again. Recorded in the"
                    + " audit log and raised as an alert.",
            pathParams = @OpenApiParam(name = "id", required = true, description = "the worker's node id (a UUID)"),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ReleaseReply.class)),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "503", content = @OpenApiContent(from = ApiError.class))})
    void release(Context ctx) {
        String id = MachineParams.nodeId(ctx);
        if (!machines.presence().coordinatorUp()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "no coordinator is up to release " + id
                    + ": start a node with the coordinator role, then ask again", null);
        }
        if (!machines.isWorker(id)) {
            throw unknown(id);
        }
        ctx.json(new ReleaseReply(id, SafeText.abbreviated(machines.release(Caller.of(ctx), id), 500)));
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("no worker " + id + " in the grid: it may have left (a node that comes back"
                + " has a new id); GET /api/workers lists the workers now");
    }

    /** What the coordinator said to a release: {@code released <id>}, or that it was not quarantined. */
    public record ReleaseReply(String id, String message) {
    }
}
