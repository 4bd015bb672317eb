package io.dtf.ci.grid;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * The grid a build runs on, open for the length of one goal: the grid it was given, or an embedded one
 * started for it. Closing ends the session and stops the embedded grid; so does Maven's shutdown
 * (Ctrl-C), which also cancels the run being awaited.
 */
public final class GridConnection implements AutoCloseable {
    private final ForkedGridSession session;
    private final EmbeddedGrid embedded;
    private final String description;
    private final Thread onShutdown;

    private GridConnection(ForkedGridSession session, EmbeddedGrid embedded, String description, Thread onShutdown) {
        this.session = session;
        this.embedded = embedded;
        this.description = description;
        this.onShutdown = onShutdown;
    }

    /** What Maven's shutdown stops: filled in as each process starts, so none outlives Maven. */
    private static final class Started {
        volatile EmbeddedGrid grid;
        volatile ForkedGridSession session;

        void stop() {
            if (session != null) {
                session.stop();
            }
            if (grid != null) {
                grid.close();
            }
        }
    }

    /**
     * Connects to the grid at {@code addresses} (a comma list of thin-client addresses), or, when that is
     * null or blank, starts an embedded grid under {@code embeddedDir} and connects to it.
     */
    public static GridConnection open(String addresses, String token, Path tlsCa, PortRange embeddedPorts,
                                      ForkedJvm jvm, Path embeddedDir, Log log) {
        Started started = new Started();
        Thread hook = new Thread(started::stop, "dtf-maven-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<String> list;
            String description;
            if (addresses == null || addresses.isBlank()) {
                log.info("No grid given (-Ddtf.grid=HOST:PORT or DTF_GRID): starting an embedded one-node grid");
                started.grid = EmbeddedGrid.launch(jvm, embeddedDir, embeddedPorts, log);
                String address = started.grid.awaitStarted();
                list = List.of(address);
                description = "the embedded grid at " + address + " (logs in "
                        + embeddedDir.resolve("logs") + ")";
            } else {
                list = Arrays.stream(addresses.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
                description = "the grid at " + String.join(",", list);
            }
            started.session = ForkedGridSession.connect(jvm, list, token, tlsCa, log);
            log.info("Connected to " + description);
            return new GridConnection(started.session, started.grid, description, hook);
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            started.stop();
            throw e;
        }
    }

    public GridSession session() {
        return session;
    }

    /** For messages: which grid, and for an embedded one where its logs are. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException e) {
            return; // shutting down: the hook stops everything
        }
        try {
            session.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
