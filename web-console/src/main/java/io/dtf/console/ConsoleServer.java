package io.dtf.console;

import io.dtf.console.api.ApiErrors;
import io.dtf.console.api.FaultRoutes;
import io.dtf.console.api.HealthRoutes;
import io.dtf.console.api.MachineRoutes;
import io.dtf.console.api.RunRoutes;
import io.dtf.console.api.SubmitRoutes;
import io.dtf.console.api.TaskRoutes;
import io.dtf.console.api.ResultsRoutes;
import io.dtf.console.auth.AccessCheck;
import io.dtf.console.auth.LoginRoutes;
import io.dtf.console.auth.SecurityHeaders;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.console.live.LiveUpdates;
import io.dtf.console.pages.Pages;
import io.dtf.node.RunningExtension;
import io.dtf.wire.Json;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.util.List;

/**
 * The web console: pages, the REST API under {@code /api} and live updates on {@code /ws}, served by
 * Javalin from a grid node. Every route declares the least role ({@link io.dtf.console.auth.Access})
 * that may use it; {@link AccessCheck} enforces it before the route runs.
 */
public final class ConsoleServer implements RunningExtension {
    private final Javalin app;
    private final ConsoleSettings settings;
    private final List<AutoCloseable> parts;

    private ConsoleServer(Javalin app, ConsoleSettings settings, List<AutoCloseable> parts) {
        this.app = app;
        this.settings = settings;
        this.parts = parts;
    }

    /** Starts the console on {@code settings}' address, reading the grid through {@code grid}. */
    public static ConsoleServer start(ConsoleSettings settings, ConsoleGrid grid) {
        LiveUpdates live = new LiveUpdates(grid);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.reportMapper(), false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/io/dtf/console/web/static";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            ApiDocs.register(config);
        });
        SecurityHeaders.register(app);
        new AccessCheck(grid, settings).register(app);
        ApiErrors.register(app);
        new HealthRoutes(grid).register(app);
        new MachineRoutes(grid).register(app);
        new RunRoutes(grid).register(app);
        new TaskRoutes(grid).register(app);
        new SubmitRoutes(grid).register(app);
        new ResultsRoutes(grid).register(app);
        new FaultRoutes(grid).register(app);
        new LoginRoutes(grid, settings).register(app);
        live.register(app);
        new Pages().register(app);
        try {
            app.start(settings.host(), settings.port());
        } catch (JavalinBindException e) {
            live.close();
            // Jetty says only that it failed to bind: a port in use, or (with --bind) an address not of this machine.
            boolean named = !List.of(ConsoleSettings.LOOPBACK, "0.0.0.0").contains(settings.host());
            throw new IllegalStateException("the web console cannot listen on " + settings.host() + ":" + settings.port()
                    + ": the port is in use by another program" + (named ? ", or " + settings.host() + " is not an "
                    + "address of this machine (--bind)" : "") + "; stop that program or choose another port"
                    + " (dtf console --port, dtf node --console-port)", e);
        }
        return new ConsoleServer(app, settings, List.of(live));
    }

    /** The port the console listens on (the one chosen when the settings asked for any). */
    public int port() {
        return app.port();
    }

    /** The console's base address, {@code http://127.0.0.1:8080}. */
    public String url() {
        String host = "0.0.0.0".equals(settings.host()) ? "localhost" : settings.host();
        return "http://" + host + ":" + port();
    }

    @Override
    public String describe() {
        return "web console on " + url() + (settings.secured() ? " (log in with a viewer, submitter or admin token)"
                : " (security is off: it listens on " + settings.host() + " only, so only this machine reaches it)");
    }

    /** The running app, for tests of this package that add routes of their own. */
    Javalin app() {
        return app;
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                // the server stops anyway
            }
        }
        app.stop();
    }
}
