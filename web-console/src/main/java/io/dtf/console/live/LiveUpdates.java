package io.dtf.console.live;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.client.CoordinatorApi;
import io.dtf.console.api.ApiException;
import io.dtf.console.auth.Access;
import io.dtf.console.grid.ConsoleGrid;
import io.dtf.model.Alert;
import io.dtf.wire.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket {@code /ws}: pushes what changes on the grid (tasks, nodes, runs, alerts) to every
 * open page, in coalesced batches, each numbered so that a page that reconnects catches up.
 * See docs/CONSOLE.md, "Live updates (WebSocket)", for the messages.
 *
 * <p>Sources, all on the console's node: a continuous query on the tasks cache ({@link TaskFeed}),
 * discovery events ({@link NodeFeed}), the coordinator's alerts read every few seconds
 * ({@link AlertFeed}), and run progress read for the runs whose tasks changed ({@link RunProgress}). A
 * tick ({@link Ticker}) turns what came since the last one into frames, which
 * {@link FrameHub} numbers, keeps and hands to each page's {@link Outbox}.
 */
public final class LiveUpdates implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
    /** Pages send nothing; anything they send is read up to this size and ignored. */
    private static final int MAX_INCOMING = 1024;
    private static final long PING_SECONDS = 20;
    private static final long SERVICE_WAIT_MILLIS = 5_000;

    private final ConsoleGrid grid;
    private final LiveLimits limits;
    private final PendingChanges pending;
    private final FrameHub hub;
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private ScheduledExecutorService timers;
    private TaskFeed tasks;
    private NodeFeed nodes;

    public LiveUpdates(ConsoleGrid grid) {
        this(grid, LiveLimits.fromSystemProperties());
    }

    public LiveUpdates(ConsoleGrid grid, LiveLimits limits) {
        this.grid = grid;
        this.limits = limits;
        this.pending = new PendingChanges(limits.maxPending());
        this.hub = new FrameHub(System.currentTimeMillis(), limits.ringFrames(), limits.ringChars());
    }

    /** Serves {@code /ws} on {@code app} and starts following the grid. */
    public void register(Javalin app) {
        app.wsBeforeUpgrade("/ws", this::beforeUpgrade);
        app.ws("/ws", ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> { });
            ws.onBinaryMessage(ctx -> ctx.closeSession(1003, "this socket only sends: it takes no binary frames"));
            ws.onClose(this::gone);
            ws.onError(this::gone);
        }, Access.VIEWER);
        start();
    }

    private void start() {
        nodes = new NodeFeed(grid.ignite(), pending::other);
        try {
            tasks = new TaskFeed(grid.ignite(), pending::task);
        } catch (RuntimeException e) {
            LOG.warn("live updates: no task changes will be pushed: {}", e.getMessage());
        }
        AlertFeed alerts = new AlertFeed(this::readAlerts, pending::other);
        RunProgress runs = new RunProgress(grid.live()::run, limits.maxRunsPerTick());
        Ticker ticker = new Ticker(pending, runs, hub, Json.reportMapper(), limits.maxEventsPerFrame());
        timers = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "dtf-console-live");
            t.setDaemon(true);
            return t;
        });
        long tick = limits.tick().toMillis();
        timers.scheduleWithFixedDelay(() -> guarded("tick", ticker::tick), tick, tick, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(() -> guarded("run progress", () -> runs.read().forEach(pending::other)),
                tick, tick, TimeUnit.MILLISECONDS);
        long poll = limits.alertPoll().toMillis();
        timers.scheduleWithFixedDelay(() -> guarded("alerts", alerts::poll), 0, poll, TimeUnit.MILLISECONDS);
    }

    /** A failed tick must not stop the timer (a scheduled task that throws is never run again). */
    private static void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("live updates: {} failed; trying again", what, e);
        }
    }

    /** The alerts as this node reads them (no caller's token: only pages that passed the access check see them). */
    private List<Alert> readAlerts() {
        CoordinatorApi api = grid.ignite().services().serviceProxy(CoordinatorApi.SERVICE_NAME, CoordinatorApi.class,
                false, SERVICE_WAIT_MILLIS);
        return Json.read(api.alerts(), new TypeReference<List<Alert>>() { });
    }

    /** Runs after the access check: the page must be the console's own, the query sane, and room left. */
    private void beforeUpgrade(Context ctx) {
        String origin = ctx.header("Origin");
        if (!OriginCheck.allows(origin, ctx.header("Host"))) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Origin " + abbreviated(origin) + " is not this console:"
                    + " live updates are served to the console's own pages only; open the console at its own address",
                    "Origin");
        }
        SinceParameter.parse(ctx.queryParam(SinceParameter.NAME));
        if (hub.connected() >= limits.maxSessions()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the console serves " + limits.maxSessions()
                    + " live connections at most and has that many; try again later", null);
        }
    }

    private void connected(WsConnectContext ctx) {
        ctx.session.setMaxTextMessageSize(MAX_INCOMING);
        ctx.session.setMaxBinaryMessageSize(MAX_INCOMING);
        if (hub.connected() >= limits.maxSessions()) {
            ctx.closeSession(Outbox.TOO_SLOW, "too many live connections; try again later");
            return;
        }
        Outbox outbox = new Outbox(new SessionSink(ctx.session), limits.maxQueuedFrames(), limits.maxQueuedChars());
        outboxes.put(ctx.sessionId(), outbox);
        ctx.enableAutomaticPings(PING_SECONDS, TimeUnit.SECONDS);
        hub.join(outbox, SinceParameter.parse(ctx.queryParam(SinceParameter.NAME)));
    }

    private void gone(WsContext ctx) {
        Outbox outbox = outboxes.remove(ctx.sessionId());
        if (outbox != null) {
            ctx.disableAutomaticPings();
            hub.leave(outbox);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 100 ? "'" + text + "'" : "'" + text.substring(0, 100) + "…'";
    }

    /** Pages connected now. */
    public int connected() {
        return hub.connected();
    }

    @Override
    public void close() {
        if (timers != null) {
            timers.shutdownNow();
        }
        if (tasks != null) {
            tasks.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        hub.closeAll(1001, "the console is stopping");
        outboxes.clear();
    }
}
