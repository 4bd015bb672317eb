package io.dtf.console.api;

import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.live.Page;
import io.dtf.live.RunQuery;
import io.dtf.live.TaskQuery;
import io.dtf.model.CancelReply;
import io.dtf.model.RunView;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.wire.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs and their tasks: {@code GET /api/runs}, {@code /api/runs/{id}}, {@code /api/runs/{id}/tasks}
 * (paged, filtered by state and name) and {@code POST /api/runs/{id}/cancel}. Reads go to live state
 * ({@link ConsoleGrid#live()}); a cancel goes to the coordinator as the caller, which checks that the
 * caller may cancel that run.
 */
public final class RunRoutes {
    /** How many queued tasks {@link RunDetail#waiting()} is counted over. */
    static final int WAITING_SAMPLE = 500;
    private static final Pattern SUITE_FILTER = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final String VALID_STATES = Arrays.stream(TaskState.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private final ConsoleGrid grid;

    public RunRoutes(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        app.get("/api/runs", this::runs, Access.VIEWER);
        app.get("/api/runs/{id}", this::run, Access.VIEWER);
        app.get("/api/runs/{id}/tasks", this::tasks, Access.VIEWER);
        app.post("/api/runs/{id}/cancel", this::cancel, Access.SUBMITTER);
    }

    @OpenApi(path = "/api/runs", methods = HttpMethod.GET, tags = "Runs", summary = "Runs, newest first, paged",
            queryParams = {
                @OpenApiParam(name = "offset", type = Integer.class, description = "runs to skip, 0 or more (default 0)"),
                @OpenApiParam(name = "limit", type = Integer.class, description = "runs per page, 1 to 500 (default 50)"),
                @OpenApiParam(name = "suite", description = "only runs of suites whose name contains this"),
                @OpenApiParam(name = "active", type = Boolean.class, description = "true: runs still going; false: ended")
            },
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = RunPage.class)),
                @OpenApiResponse(status = "400", description = "a parameter out of range, named in field",
                        content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class))
            })
    void runs(Context ctx) {
        Paging paging = Paging.of(ctx);
        String suite = QueryParams.text(ctx, "suite");
        if (suite != null && !SUITE_FILTER.matcher(suite).matches()) {
            throw ApiException.badRequest("suite", "suite is part of a suite name: 1 to 200 letters, digits, '_', '.' or '-'");
        }
        Boolean active = QueryParams.bool(ctx, "active");
        ctx.json(RunPage.of(grid.live().runs(new RunQuery(suite, active, paging.offset(), paging.limit()))));
    }

    @OpenApi(path = "/api/runs/{id}", methods = HttpMethod.GET, tags = "Runs",
            summary = "A run's progress, and why its queued tasks wait",
            pathParams = @OpenApiParam(name = "id", required = true, description = "the run id"),
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = RunDetail.class)),
                @OpenApiResponse(status = "400", description = "not a run id", content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "404", description = "no such run", content = @OpenApiContent(from = ApiError.class))
            })
    void run(Context ctx) {
        RunView run = existing(Ids.run("id", ctx.pathParam("id")));
        List<TaskView> queued = run.count(TaskState.QUEUED) == 0 ? List.of()
                : grid.live().tasks(new TaskQuery(run.runId(), Set.of(TaskState.QUEUED), null, 0, WAITING_SAMPLE)).items();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (TaskView t : queued) {
            reasons.merge(t.waitingReason() == null ? "next in line for a free slot" : t.waitingReason(), 1, Integer::sum);
        }
        List<RunDetail.WaitReason> waiting = reasons.entrySet().stream()
                .map(e -> new RunDetail.WaitReason(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(RunDetail.WaitReason::tasks).reversed()).toList();
        ctx.json(new RunDetail(run, waiting));
    }

    @OpenApi(path = "/api/runs/{id}/tasks", methods = HttpMethod.GET, tags = "Runs",
            summary = "A run's tasks in submission order, paged and filtered",
            pathParams = @OpenApiParam(name = "id", required = true, description = "the run id"),
            queryParams = {
                @OpenApiParam(name = "offset", type = Integer.class, description = "tasks to skip, 0 or more (default 0)"),
                @OpenApiParam(name = "limit", type = Integer.class, description = "tasks per page, 1 to 500 (default 50)"),
                @OpenApiParam(name = "state", description = "comma-separated task states: QUEUED, RUNNING, PASSED, FLAKY,"
                        + " FAILED, ERROR, TIMED_OUT, CANCELLED", example = "FAILED,ERROR"),
                @OpenApiParam(name = "q", description = "only tasks whose id or name contains this (any case)")
            },
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = TaskPage.class)),
                @OpenApiResponse(status = "400", description = "a parameter out of range or an unknown state, named in field",
                        content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "404", description = "no such run", content = @OpenApiContent(from = ApiError.class))
            })
    void tasks(Context ctx) {
        String runId = Ids.run("id", ctx.pathParam("id"));
        Paging paging = Paging.of(ctx);
        Set<TaskState> states = states(ctx.queryParam("state"));
        String q = QueryParams.text(ctx, "q");
        Page<TaskView> page = grid.live().tasks(new TaskQuery(runId, states, q, paging.offset(), paging.limit()));
        if (page.total() == 0) {
            existing(runId); // an empty page of a run, or no such run: only then is the run looked up
        }
        ctx.json(TaskPage.of(page));
    }

    @OpenApi(path = "/api/runs/{id}/cancel", methods = HttpMethod.POST, tags = "Runs",
            summary = "Cancel a run, or one of its tasks (submitter; the coordinator checks that the caller owns the run)",
            pathParams = @OpenApiParam(name = "id", required = true, description = "the run id"),
            queryParams = @OpenApiParam(name = "task", description = "cancel only this task"),
            responses = {
                @OpenApiResponse(status = "200", description = "what was cancelled; asking again changes nothing",
                        content = @OpenApiContent(from = CancelReply.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "403", description = "not the caller's run, or the role is too low",
                        content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "404", description = "no such run or task", content = @OpenApiContent(from = ApiError.class))
            })
    void cancel(Context ctx) {
        String runId = Ids.run("id", ctx.pathParam("id"));
        String task = ctx.queryParam("task");
        String taskId = task == null ? null : Ids.task("task", task);
        existing(runId);
        Caller caller = Caller.of(ctx);
        CancelReply reply = Json.read(GridCalls.call("coordinator",
                () -> grid.coordinator(caller).cancelRun(runId, taskId)), CancelReply.class);
        if (!reply.accepted()) {
            throw new ApiException(HttpStatus.NOT_FOUND, String.join("; ", reply.errors()), taskId == null ? "id" : "task");
        }
        ctx.json(reply);
    }

    private RunView existing(String runId) {
        return grid.live().run(runId).orElseThrow(() -> ApiException.notFound("no run '" + runId
                + "' on this grid; GET /api/runs lists the runs it knows"));
    }

    /** The states a comma list names; a 400 naming {@code state} and the valid names for one it does not know. */
    static Set<TaskState> states(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        if (list.length() > QueryParams.MAX_TEXT) {
            throw ApiException.badRequest("state", "state is a comma list of: " + VALID_STATES);
        }
        Set<TaskState> states = EnumSet.noneOf(TaskState.class);
        for (String name : list.split(",")) {
            String s = name.strip().toUpperCase(java.util.Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            try {
                states.add(TaskState.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state", "'" + Ids.echo(name.strip()) + "' is not a task state; use "
                        + VALID_STATES + " (several with commas)");
            }
        }
        return states;
    }
}
