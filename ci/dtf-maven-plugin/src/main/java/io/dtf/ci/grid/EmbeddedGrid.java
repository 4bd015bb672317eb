package io.dtf.ci.grid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.logging.Log;

/**
 * A one-node grid on this machine for a build given no grid: {@code dtf node} forked from the plugin's
 * own jars with DTF's flags, the one-machine config ({@code ignite-default.xml}: every role, loopback
 * only), free loopback ports, a join list of only itself (so it never joins another DTF node of the
 * machine), and {@code --allow-commands} (the tests are the user's own code, on the user's own machine).
 * Its data directory, logs and DuckDB file stay under the project's {@code target/dtf-grid}.
 */
public final class EmbeddedGrid implements AutoCloseable {
    static final String MAIN = "io.dtf.cli.DtfCli";
    private static final Pattern UP = Pattern.compile("DTF node ([0-9a-f-]{36}) up");
    private static final Pattern GRID = Pattern.compile("--grid ([^\\s)]+)\\)");
    /** The last line of the node's start-up report. */
    private static final String STARTED = "stop with Ctrl-C";
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final String address;
    private final Path dataDir;

    private EmbeddedGrid(Process process, String address, Path dataDir) {
        this.process = process;
        this.address = address;
        this.dataDir = dataDir;
    }

    /**
     * Starts the node and waits for its start-up report.
     *
     * @throws GridException when it does not come up, with what it printed and where its log is
     */
    public static EmbeddedGrid start(ForkedJvm jvm, Path dataDir, PortRange ports, Log log) {
        Path config = writeConfig(dataDir.resolve("config"));
        List<Integer> free = ports.free(3);
        List<String> args = List.of("node", "--config", config.toString(), "--data-dir", dataDir.toString(),
                "--bind", "127.0.0.1", "--port", free.get(0).toString(), "--comm-port", free.get(1).toString(),
                "--client-port", free.get(2).toString(), "--join", "127.0.0.1:" + free.get(0), "--name",
                "dtf-maven-" + ProcessHandle.current().pid(), "--allow-commands");
        List<String> command = jvm.command("node", List.of(), MAIN, args);
        log.debug("embedded grid: " + String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new GridException("cannot start the embedded grid's JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
        EmbeddedGrid grid;
        try {
            grid = new EmbeddedGrid(process, awaitStartUp(process, log, dataDir), dataDir);
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
        return grid;
    }

    /** Its thin-client address, {@code 127.0.0.1:PORT}. */
    public String address() {
        return address;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the node (SIGTERM: it closes its DuckDB file); kills it and its children if it does not stop in time. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Reads the node's output until its start-up report is out; afterwards it keeps going to the debug log. */
    private static String awaitStartUp(Process process, Log log, Path dataDir) {
        CompletableFuture<String> address = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            String grid = null;
            boolean up = false;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.debug("[dtf node] " + line);
                    if (!address.isDone()) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        up |= UP.matcher(line).find();
                        Matcher m = GRID.matcher(line);
                        if (m.find()) {
                            grid = m.group(1);
                        }
                        if (up && grid != null && line.contains(STARTED)) {
                            address.complete(grid);
                        }
                    }
                }
            } catch (IOException e) {
                log.debug("[dtf node] output ended: " + e);
            }
            address.complete(null);
        }, "dtf-embedded-node");
        reader.setDaemon(true);
        reader.start();
        String found;
        try {
            found = address.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            found = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GridException("interrupted while the embedded grid started");
        } catch (ExecutionException e) {
            throw new GridException("the embedded grid failed to start: " + e.getCause(), e.getCause());
        }
        if (found == null) {
            String printed;
            synchronized (lines) {
                printed = String.join("\n", lines);
            }
            throw new GridException("the embedded grid did not start" + (process.isAlive() ? " within "
                    + START_LIMIT.toMinutes() + " min" : " (exit code " + process.exitValue() + ")")
                    + "; its log is under " + dataDir.resolve("logs") + (printed.isBlank() ? "" : "; it printed:\n"
                    + printed));
        }
        return found;
    }

    /** Writes the one-machine config (and the base it imports) from grid-node's copies; returns its path. */
    private static Path writeConfig(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : List.of("ignite-base.xml", "ignite-default.xml")) {
                Files.writeString(dir.resolve(name), ForkedJvm.resourceText(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedded grid's config under " + dir, e);
        }
        return dir.resolve("ignite-default.xml").toAbsolutePath();
    }
}
