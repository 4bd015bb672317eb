package io.dtf.console.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.console.pages.Pages;
import io.dtf.model.AnalysisReply;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.BenchmarkBest;
import io.dtf.model.ResultMatrix;
import io.dtf.model.RunComparison;
import io.dtf.model.SeriesDetail;
import io.dtf.model.SeriesPage;
import io.dtf.wire.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Results and trends: the stored series, one series with its change points and outliers, the analysis
 * report, two runs compared, benchmarks against hardware classes and the best configurations. All of it
 * is history, read by the aggregator from its DuckDB file ({@link HistoryCalls}); with no aggregator up,
 * every route answers 503 saying so. Also serves the page {@code /results} and its shareable
 * {@code /results/series/{key}}.
 */
public final class ResultsRoutes {
    /** A series key as the aggregator derives it; anything else is refused before the grid is asked. */
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{20}");

    private final HistoryCalls history;

    public ResultsRoutes(ConsoleGrid grid) {
        this.history = new HistoryCalls(grid);
    }

    public void register(Javalin app) {
        app.get("/api/series", this::series, Access.VIEWER);
        app.get("/api/series/{key}", this::seriesDetail, Access.VIEWER);
        app.get("/api/analysis", this::analysis, Access.VIEWER);
        app.get("/api/compare", this::compare, Access.VIEWER);
        app.get("/api/matrix", this::matrix, Access.VIEWER);
        app.get("/api/best", this::best, Access.VIEWER);
        Pages pages = new Pages();
        pages.page(app, "/results", "results", Access.VIEWER);
        pages.page(app, "/results/series/{key}", "results", Access.VIEWER);
    }

    @OpenApi(path = "/api/series", methods = HttpMethod.GET, tags = "results", summary = "Stored series",
            description = "The benchmark series the aggregator keeps, each with its number of points, latest level "
                    + "and verdict; filtered and paged. Series are sorted by benchmark, params, metric, unit, "
                    + "hardware class.",
            queryParams = {
                    @OpenApiParam(name = "search", description = "text in the benchmark, metric, unit or a parameter (any case), at most 200 characters"),
                    @OpenApiParam(name = "hardware", description = "only this hardware class"),
                    @OpenApiParam(name = "verdict", description = "REGRESSION, IMPROVEMENT, SAME or UNKNOWN"),
                    @OpenApiParam(name = "attention", type = Boolean.class, description = "only series that need attention"),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "1 to 1000, default 100"),
                    @OpenApiParam(name = "offset", type = Integer.class, description = "0 to 1000000, default 0")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = SeriesPage.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "503", description = "no aggregator is up", content = @OpenApiContent(from = ApiError.class))})
    void series(Context ctx) {
        String query = Json.write(ResultParams.seriesQuery(ctx));
        ctx.json(Json.read(history.call(Caller.of(ctx), api -> api.series(query)), SeriesPage.class));
    }

    @OpenApi(path = "/api/series/{key}", methods = HttpMethod.GET, tags = "results", summary = "One series in full",
            description = "Every run's level (the median of its samples) with run id and time, the change points, "
                    + "the outliers, the latest run's verdict with its numbers, and the drift.",
            pathParams = @OpenApiParam(name = "key", required = true, description = "the series' key: 20 hex digits, as /api/series gives it"),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = SeriesDetail.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "503", description = "no aggregator is up", content = @OpenApiContent(from = ApiError.class))})
    void seriesDetail(Context ctx) {
        String key = ctx.pathParam("key");
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("key", "key: a series key is 20 hex digits (0-9, a-f), as /api/series "
                    + "lists them");
        }
        String json = history.call(Caller.of(ctx), api -> api.seriesDetail(key));
        if (json == null) {
            throw ApiException.notFound("no stored series has key " + key + ": list them with /api/series");
        }
        ctx.json(Json.read(json, SeriesDetail.class));
    }

    @OpenApi(path = "/api/analysis", methods = HttpMethod.GET, tags = "results", summary = "The dtf analyze report",
            description = "The report dtf analyze writes (docs/ANALYSIS-FORMAT.md), analysed by the aggregator on "
                    + "its own file: JSON by default, or Markdown or HTML. Headers X-Dtf-Series and "
                    + "X-Dtf-Regressions carry the counts.",
            queryParams = {
                    @OpenApiParam(name = "run", description = "only series that have this run, with it as their latest"),
                    @OpenApiParam(name = "format", description = "json (default), md or html")},
            responses = {
                    @OpenApiResponse(status = "200", content = {@OpenApiContent(type = "object", mimeType = "application/json"),
                            @OpenApiContent(type = "string", mimeType = "text/markdown"),
                            @OpenApiContent(type = "string", mimeType = "text/html")}),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", description = "no series has the run", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "503", description = "no aggregator is up", content = @OpenApiContent(from = ApiError.class))})
    void analysis(Context ctx) {
        AnalysisRequest request = ResultParams.analysisRequest(ctx);
        String requestJson = Json.write(request);
        AnalysisReply reply = Json.read(history.call(Caller.of(ctx), api -> api.analyze(requestJson)),
                AnalysisReply.class);
        if (request.run() != null && reply.series() == 0) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no stored series has run " + request.run(), "run");
        }
        ctx.header("X-Dtf-Series", String.valueOf(reply.series()));
        ctx.header("X-Dtf-Regressions", String.valueOf(reply.regressions()));
        switch (request.format()) {
            case "md" -> ctx.contentType("text/markdown; charset=utf-8").result(reply.report());
            case "html" -> {
                // The report is one self-contained file with every text escaped; it still runs no script here.
                ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
                ctx.contentType("text/html; charset=utf-8").result(reply.report());
            }
            default -> ctx.contentType("application/json").result(reply.report());
        }
    }

    @OpenApi(path = "/api/compare", methods = HttpMethod.GET, tags = "results", summary = "Two runs compared",
            description = "Every series that has both runs: the head run's samples against the base run's (median "
                    + "ratio with its interval, rank test, Benjamini-Hochberg across the series, minimum effect from "
                    + "the series' noise) and a verdict; regressions first.",
            queryParams = {
                    @OpenApiParam(name = "base", required = true, description = "the run compared against"),
                    @OpenApiParam(name = "head", required = true, description = "the run judged")},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = RunComparison.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", description = "no series has one of the runs", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "503", description = "no aggregator is up", content = @OpenApiContent(from = ApiError.class))})
    void compare(Context ctx) {
        String base = ResultParams.run(ctx, "base", true);
        String head = ResultParams.run(ctx, "head", true);
        if (base.equals(head)) {
            throw ApiException.badRequest("head", "head: give a run other than the base run " + base);
        }
        RunComparison comparison = Json.read(history.call(Caller.of(ctx), api -> api.compareRuns(base, head)),
                RunComparison.class);
        if (comparison.rows().isEmpty() && comparison.onlyInBase() == 0) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no stored series has run " + base, "base");
        }
        if (comparison.rows().isEmpty() && comparison.onlyInHead() == 0) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no stored series has run " + head, "head");
        }
        ctx.json(comparison);
    }

    @OpenApi(path = "/api/matrix", methods = HttpMethod.GET, tags = "results", summary = "Benchmarks by hardware class",
            description = "One row per benchmark, metric and unit, one column per hardware class; each cell the "
                    + "median of its series' latest levels, relative to the row's best, and the worst verdict. "
                    + "Takes the filters of /api/series; limit and offset count rows.",
            queryParams = {
                    @OpenApiParam(name = "search"), @OpenApiParam(name = "hardware"), @OpenApiParam(name = "verdict"),
                    @OpenApiParam(name = "attention", type = Boolean.class),
                    @OpenApiParam(name = "limit", type = Integer.class), @OpenApiParam(name = "offset", type = Integer.class)},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ResultMatrix.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "503", description = "no aggregator is up", content = @OpenApiContent(from = ApiError.class))})
    void matrix(Context ctx) {
        String query = Json.write(ResultParams.seriesQuery(ctx));
        ctx.json(Json.read(history.call(Caller.of(ctx), api -> api.matrix(query)), ResultMatrix.class));
    }

    @OpenApi(path = "/api/best", methods = HttpMethod.GET, tags = "results", summary = "Best configurations",
            description = "Per benchmark and metric: which dimension (hardware, a parameter, a context entry) "
                    + "explains the spread of the latest results (Kruskal-Wallis), and the best configuration when its "
                    + "median's 95% interval clears the runner-up's. Takes the filters of /api/series; limit and "
                    + "offset count benchmarks.",
            queryParams = {
                    @OpenApiParam(name = "search"), @OpenApiParam(name = "hardware"), @OpenApiParam(name = "verdict"),
                    @OpenApiParam(name = "attention", type = Boolean.class),
                    @OpenApiParam(name = "limit", type = Integer.class), @OpenApiParam(name = "offset", type = Integer.class)},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = BenchmarkBest[].class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "503", description = "no aggregator is up", content = @OpenApiContent(from = ApiError.class))})
    void best(Context ctx) {
        String query = Json.write(ResultParams.seriesQuery(ctx));
        ctx.json(Json.read(history.call(Caller.of(ctx), api -> api.bestConfigurations(query)),
                new TypeReference<List<BenchmarkBest>>() { }));
    }
}
