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
    private final GridSession session;
    private final EmbeddedGrid embedded;
    private final String description;
    private final Thread onShutdown;

    private GridConnection(GridSession session, EmbeddedGrid embedded, String description, Thread onShutdown) {
        this.session = session;
        this.embedded = embedded;
        this.description = description;
        this.onShutdown = onShutdown;
    }

    /**
     * Connects to the grid at {@code addresses} (a comma list of thin-client addresses), or, when that is
     * null or blank, starts an embedded grid under {@code embeddedDir} and connects to it.
     */
    public static GridConnection open(String addresses, String token, Path tlsCa, PortRange embeddedPorts,
                                      ForkedJvm jvm, Path embeddedDir, Log log) {
        EmbeddedGrid embedded = null;
        List<String> list;
        String description;
        if (addresses == null || addresses.isBlank()) {
            log.info("No grid given (-Ddtf.grid=HOST:PORT or DTF_GRID): starting an embedded one-node grid");
            embedded = EmbeddedGrid.start(jvm, embeddedDir, embeddedPorts, log);
            list = List.of(embedded.address());
            description = "the embedded grid at " + embedded.address() + " (logs in " + embeddedDir.resolve("logs") + ")";
        } else {
            list = Arrays.stream(addresses.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
            description = "the grid at " + String.join(",", list);
        }
        EmbeddedGrid started = embedded;
        ForkedGridSession session;
        try {
            session = ForkedGridSession.connect(jvm, list, token, tlsCa, log);
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            throw e;
        }
        Thread hook = new Thread(() -> {
            session.stop();
            if (started != null) {
                started.close();
            }
        }, "dtf-maven-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("Connected to " + description);
        return new GridConnection(session, started, description, hook);
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
