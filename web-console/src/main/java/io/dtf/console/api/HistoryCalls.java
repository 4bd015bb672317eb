package io.dtf.console.api;

import io.dtf.client.AccessDeniedException;
import io.dtf.client.AggregatorApi;
import io.dtf.console.auth.Caller;
import io.dtf.console.grid.ConsoleGrid;
import io.javalin.http.HttpStatus;
import java.util.function.Function;

/**
 * Calls the aggregator for history (its DuckDB file is open in its process only) and turns its absence
 * into a 503 that says what to start, and its refusals into the caller's 4xx.
 */
final class HistoryCalls {
    static final String NO_AGGREGATOR = "no aggregator node is up, and only the aggregator reads the results "
            + "history (its DuckDB file): start a node with the aggregator role (dtf node --roles aggregator, or a "
            + "server with config/ignite-server.xml) joined to this grid, then reload";

    private final ConsoleGrid grid;

    HistoryCalls(ConsoleGrid grid) {
        this.grid = grid;
    }

    /** The aggregator's answer to {@code call}, made as {@code caller}. */
    String call(Caller caller, Function<AggregatorApi, String> call) {
        if (!grid.aggregatorUp()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NO_AGGREGATOR, null);
        }
        try {
            return call.apply(grid.aggregator(caller));
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof AccessDeniedException || message.contains("DTF access denied")) {
                return new ApiException(HttpStatus.FORBIDDEN, message, null);
            }
            if (message.contains("Service not found: " + AggregatorApi.SERVICE_NAME)) {
                return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NO_AGGREGATOR, null);
            }
            if (message.contains("has not opened its DuckDB file")) {
                return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, message, null);
            }
        }
        return e;
    }
}
