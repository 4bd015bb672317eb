package io.dtf.console.pages;

import io.dtf.console.auth.Access;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's pages: plain HTML shells under {@code io/dtf/console/web/pages}, each filled in the
 * browser by its script from {@code /api} and {@code /ws}. Every page has a URL of its own, so a
 * run's page can be shared as a link.
 */
public final class Pages {
    private static final String ROOT = "/io/dtf/console/web/pages/";
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public void register(Javalin app) {
        page(app, "/", "overview", Access.VIEWER);
        page(app, "/workers", "workers", Access.VIEWER);
        page(app, "/workers/{id}", "worker", Access.VIEWER);
        page(app, "/topology", "topology", Access.VIEWER);
        page(app, "/runs", "runs", Access.VIEWER);
        page(app, "/runs/{id}", "run", Access.VIEWER);
        page(app, "/runs/{id}/tasks/<task>", "task", Access.VIEWER);
        page(app, "/submit", "submit", Access.VIEWER);
    }

    /** Serves {@code pages/NAME.html} on {@code path}. */
    public void page(Javalin app, String path, String name, Access access) {
        app.get(path, ctx -> html(ctx, name), access);
    }

    private void html(Context ctx, String name) {
        ctx.contentType("text/html; charset=utf-8").result(cache.computeIfAbsent(name, Pages::read));
    }

    private static String read(String name) {
        try (InputStream in = Pages.class.getResourceAsStream(ROOT + name + ".html")) {
            if (in == null) {
                throw new IllegalStateException("no page " + name + " in the console's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
