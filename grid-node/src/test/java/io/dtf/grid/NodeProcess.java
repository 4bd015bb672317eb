package io.dtf.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code dtf node} started through the real launcher, as its own JVM. */
final class NodeProcess implements AutoCloseable {
    private static final Pattern UP = Pattern.compile("DTF node ([0-9a-f-]{36}) up");
    /** The last line of the node's start-up report: the lines a test reads (ports, command policy) are out. */
    private static final String STARTED = "stop with Ctrl-C";

    private final Process process;
    private final Path log;
    private final String nodeId;

    private NodeProcess(Process process, Path log, String nodeId) {
        this.process = process;
        this.log = log;
        this.nodeId = nodeId;
    }

    /** Starts {@code dtf node --config CONFIG --port PORT --comm-port COMM MORE}: a node on ports of its own. */
    static NodeProcess start(Path dir, String config, int port, int commPort, String... more)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--config", config, "--port", String.valueOf(port), "--comm-port",
                String.valueOf(commPort)));
        args.addAll(List.of(more));
        return start(dir, args.toArray(String[]::new));
    }

    /** Starts {@code dtf node ARGS} and waits until it reports that it is up. */
    static NodeProcess start(Path dir, String... args) throws IOException, InterruptedException {
        return start(dir, Map.of(), args);
    }

    /**
     * As {@link #start(Path, String...)}, with variables added to the launcher's environment, e.g.
     * {@code DTF_JAVA_OPTS=-Xmx256m} to keep a grid of many JVMs small.
     */
    static NodeProcess start(Path dir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(TestGrid.home().resolve("dtf").toString(), "node",
                "--data-dir", dir.toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = UP.matcher(out);
            if (m.find() && out.contains(STARTED)) {
                return new NodeProcess(p, log, m.group(1));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("dtf node exited with " + p.exitValue() + ":\n" + out);
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("dtf node not up within 90 s:\n" + Files.readString(log));
    }

    String nodeId() {
        return nodeId;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** kill -9: the JVM gets no chance to close anything (the launcher execs java, so this is the JVM). */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** kill -9 of several nodes at the same moment: every signal is sent before waiting for any JVM to end. */
    static void killTogether(NodeProcess... nodes) throws InterruptedException {
        for (NodeProcess node : nodes) {
            node.process.destroyForcibly();
        }
        for (NodeProcess node : nodes) {
            node.process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits for the node to exit on its own; its exit code, or an error if it still runs after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("dtf node still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** A graceful stop (SIGTERM): the node closes its DuckDB file and leaves the grid. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
