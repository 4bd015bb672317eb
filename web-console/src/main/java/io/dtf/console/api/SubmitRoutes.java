package io.dtf.console.api;

import io.dtf.client.SubmissionSize;
import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.model.Suite;
import io.dtf.model.SubmitReply;
import io.dtf.wire.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.util.List;

/**
 * {@code POST /api/runs}: submits a suite (YAML or JSON, as {@code dtf submit} reads a file) as the
 * caller, who owns the run. Refused before anything is stored: a body over 1 MiB (413), a suite the
 * loader refuses (400, every problem with its field), one the coordinator refuses (422, its reasons).
 */
public final class SubmitRoutes {
    private final ConsoleGrid grid;

    public SubmitRoutes(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        app.post("/api/runs", this::submit, Access.SUBMITTER);
        app.exception(SuiteBody.SuiteRefused.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(e.refusal()));
    }

    @OpenApi(path = "/api/runs", methods = HttpMethod.POST, tags = "Runs",
            summary = "Submit a suite (submitter): the suite format of docs/SUITE-FORMAT.md, at most 1 MiB",
            requestBody = @OpenApiRequestBody(required = true, description = "a suite file's text", content = {
                @OpenApiContent(mimeType = "application/yaml", type = "string"),
                @OpenApiContent(mimeType = "application/json", type = "object")
            }),
            responses = {
                @OpenApiResponse(status = "201", description = "accepted; Location is the run's page",
                        content = @OpenApiContent(from = Submitted.class)),
                @OpenApiResponse(status = "400", description = "the suite cannot run as written: every problem with its field",
                        content = @OpenApiContent(from = SuiteRefusal.class)),
                @OpenApiResponse(status = "403", content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "413", description = "the body is over 1 MiB", content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "415", description = "neither YAML nor JSON", content = @OpenApiContent(from = ApiError.class)),
                @OpenApiResponse(status = "422", description = "the coordinator refused the suite, for the reasons given",
                        content = @OpenApiContent(from = SuiteRefusal.class))
            })
    void submit(Context ctx) {
        Suite suite = SuiteBody.read(ctx);
        String json = Json.write(suite);
        SubmissionSize.check(json).ifPresent(tooLong -> {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, tooLong, null);
        });
        Caller caller = Caller.of(ctx);
        SubmitReply reply = Json.read(GridCalls.call("coordinator", () -> grid.coordinator(caller).submit(json)),
                SubmitReply.class);
        if (!reply.accepted()) {
            List<SuiteRefusal.Problem> problems = reply.errors().stream()
                    .map(e -> new SuiteRefusal.Problem(null, 0, null, e)).toList();
            String message = "the grid refused the suite: " + String.join("; ", reply.errors());
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(new SuiteRefusal(422, message, null, problems));
            return;
        }
        String page = "/runs/" + reply.runId();
        ctx.status(HttpStatus.CREATED).header("Location", page)
                .json(new Submitted(reply.runId(), page, "/api/runs/" + reply.runId(), reply.warnings()));
    }
}
