package io.dtf.console;

import io.dtf.console.auth.Access;
import io.dtf.console.auth.Caller;
import io.javalin.Javalin;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two state-changing routes a test adds to a running console, one for submitters and one for admins, that count the
 * calls that reached them: a refused request must leave the count as it was.
 */
public final class TestRoutes {
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger administered = new AtomicInteger();

    private TestRoutes() {
    }

    /** Adds {@code POST /api/test/submitter} (SUBMITTER) and {@code POST /api/test/admin} (ADMIN) to {@code server}. */
    public static TestRoutes register(ConsoleServer server) {
        TestRoutes routes = new TestRoutes();
        Javalin app = server.app();
        app.post("/api/test/submitter", ctx -> {
            routes.submitted.incrementAndGet();
            ctx.json(Map.of("by", Caller.of(ctx).subject()));
        }, Access.SUBMITTER);
        app.post("/api/test/admin", ctx -> {
            routes.administered.incrementAndGet();
            ctx.json(Map.of("by", Caller.of(ctx).subject()));
        }, Access.ADMIN);
        return routes;
    }

    public int submitted() {
        return submitted.get();
    }

    public int administered() {
        return administered.get();
    }
}
