package io.dtf.console.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.client.AggregatorApi;
import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.live.Page;
import io.dtf.live.TaskQuery;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.wire.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /api/tasks/{run}/{task}}: a task with every attempt that has ended. Attempts come from the
 * aggregator (its store, filtered by task) and, for those it has not replicated yet, from the coordinator's
 * results cache; both are called as the caller.
 */
public final class TaskRoutes {
    private static final TypeReference<List<TaskResult>> RESULTS = new TypeReference<>() { };
    /** The coordinator's results are scanned a page at a time, and no further than this many pages. */
    private static final int COORDINATOR_PAGE = 1_000;
    private static final int COORDINATOR_PAGES = 200;
    private static final int LOOKUP_PAGE = 500;

    private final ConsoleGrid grid;

    public TaskRoutes(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        // <task>: a task id may hold '/' (a parameter value), so the rest of the path is the id.
        app.get("/api/tasks/{run}/<task>", this::task, Access.VIEWER);
    }

    @OpenApi(path = "/api/tasks/{run}/{task}", methods = HttpMethod.GET, tags = "Tasks",
            summary = "A task and every ended attempt: node, hardware class, state, failure category, the retry"
                    + " decision, duration, metrics, per-test results and output tails",
            pathParams = {
                @OpenApiParam(name = "run", required = true, description = "the run id"),
                @OpenApiParam(name = "task", required = true, description = "the task id, URL-encoded ('/' may stay)",
                        example = "sha256[size=1MiB]#2")
            },
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = TaskDetail.class)),
                @OpenApiResponse(status = "400", description = "not a run or task id", content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "404", description = "no such run or task", content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "503", description = "the coordinator did not answer",
                        content = @OpenApiContent(from = ApiError.class))
            })
    void task(Context ctx) {
        String runId = Ids.run("run", ctx.pathParam("run"));
        String taskId = Ids.task("task", ctx.pathParam("task"));
        grid.live().run(runId).orElseThrow(() -> ApiException.notFound("no run '" + runId + "' on this grid"));
        TaskView task = find(runId, taskId).orElseThrow(() -> ApiException.notFound("run " + runId + " has no task '"
                + Ids.echo(taskId) + "'; GET /api/runs/" + runId + "/tasks lists them"));
        Caller caller = Caller.of(ctx);
        ctx.json(new TaskDetail(runId, task, attempts(caller, runId, task).stream().map(AttemptView::of).toList()));
    }

    /** The task view, found by its id among those whose id contains it. */
    private Optional<TaskView> find(String runId, String taskId) {
        for (int offset = 0; ; offset += LOOKUP_PAGE) {
            Page<TaskView> page = grid.live().tasks(new TaskQuery(runId, null, taskId, offset, LOOKUP_PAGE));
            Optional<TaskView> found = page.items().stream().filter(t -> t.taskId().equals(taskId)).findFirst();
            if (found.isPresent() || page.items().isEmpty() || offset + LOOKUP_PAGE >= page.total()) {
                return found;
            }
        }
    }

    /** Ended attempts, oldest first, one per attempt number. */
    private List<TaskResult> attempts(Caller caller, String runId, TaskView task) {
        int ended = task.attempts() - (task.state() == TaskState.RUNNING ? 1 : 0);
        Map<Integer, TaskResult> byAttempt = new TreeMap<>();
        if (grid.aggregatorUp()) {
            List<TaskResult> stored = Json.read(GridCalls.call("aggregator", () -> grid.aggregator(caller)
                    .results(runId, task.taskId(), 0, AggregatorApi.MAX_PAGE)), RESULTS);
            stored.forEach(r -> byAttempt.putIfAbsent(r.attempt(), r));
        }
        if (byAttempt.size() < ended) {
            // Not replicated yet: the coordinator keeps results until the aggregator has them.
            long after = 0;
            for (int i = 0; i < COORDINATOR_PAGES && byAttempt.size() < ended; i++) {
                long from = after;
                List<TaskResult> page = Json.read(GridCalls.call("coordinator", () -> grid.coordinator(caller)
                        .results(runId, from, COORDINATOR_PAGE)), RESULTS);
                if (page.isEmpty()) {
                    break;
                }
                page.stream().filter(r -> r.taskId().equals(task.taskId())).forEach(r -> byAttempt.putIfAbsent(r.attempt(), r));
                after = page.get(page.size() - 1).seq();
            }
        }
        return byAttempt.values().stream().sorted(Comparator.comparingInt(TaskResult::attempt)).toList();
    }
}
