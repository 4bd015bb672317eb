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
    private final Path dataDir;
    /** Completes with the thin-client address once the start-up report is out; exceptionally if the output ends first. */
    private final CompletableFuture<String> address = new CompletableFuture<>();
    /** What the node printed before it was up, for the message when it does not come up. */
    private final List<String> startUpLines = new ArrayList<>();

    private EmbeddedGrid(Process process, Path dataDir, Log log) {
        this.process = process;
        this.dataDir = dataDir;
        Thread reader = new Thread(() -> read(log), "dtf-embedded-node");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the node's JVM and returns at once; {@link #awaitStarted} then waits for its start-up report.
     * Two steps, so that the caller can stop the node (Maven interrupted) while it is still starting.
     */
    public static EmbeddedGrid launch(ForkedJvm jvm, Path dataDir, PortRange ports, Log log) {
        Path config = writeConfig(dataDir.resolve("config"));
        List<Integer> free = ports.free(3);
        List<String> args = List.of("node", "--config", config.toString(), "--data-dir", dataDir.toString(),
                "--bind", "127.0.0.1", "--port", free.get(0).toString(), "--comm-port", free.get(1).toString(),
                "--client-port", free.get(2).toString(), "--join", "127.0.0.1:" + free.get(0), "--name",
                "dtf-maven-" + ProcessHandle.current().pid(), "--allow-commands");
        List<String> command = jvm.command("node", List.of(), MAIN, args);
        log.debug("embedded grid: " + String.join(" ", command));
        try {
            return new EmbeddedGrid(new ProcessBuilder(command).redirectErrorStream(true).start(), dataDir, log);
        } catch (IOException e) {
            throw new GridException("cannot start the embedded grid's JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the node's start-up report and returns its thin-client address, {@code 127.0.0.1:PORT}.
     *
     * @throws GridException when it does not come up, with what it printed and where its log is (the node
     *                       is stopped then)
     */
    public String awaitStarted() {
        try {
            return address.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            close();
            throw new GridException("the embedded grid did not start within " + START_LIMIT.toMinutes()
                    + " min; its log is under " + dataDir.resolve("logs") + printed());
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof GridException g ? g : new GridException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new GridException("interrupted while the embedded grid started");
        }
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

    /** Reads the node's output: until it is up into the start-up report, then only to the debug log. */
    private void read(Log log) {
        boolean up = false;
        String grid = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.debug("[dtf node] " + line);
                if (address.isDone()) {
                    continue;
                }
                synchronized (startUpLines) {
                    startUpLines.add(line);
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
        } catch (IOException e) {
            log.debug("[dtf node] output ended: " + e);
        }
        if (!address.isDone()) {
            String exit;
            try {
                exit = process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "its output ended";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = "its output ended";
            }
            address.completeExceptionally(new GridException("the embedded grid did not start (" + exit + "); its log is"
                    + " under " + dataDir.resolve("logs") + printed()));
        }
    }

    private String printed() {
        synchronized (startUpLines) {
            return startUpLines.isEmpty() ? "" : "; it printed:\n" + String.join("\n", startUpLines);
        }
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
