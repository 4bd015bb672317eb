package io.dtf.bench.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A grid of {@code dtf node} processes on 127.0.0.1, started through the launcher as an operator would:
 * one server (coordinator, data, aggregator) and workers of one slot each that run JVM tasks. Ports:
 * discovery from {@code base}, communication from {@code base + 20}, thin clients from {@code base + 40}.
 */
final class GridProcesses implements AutoCloseable {
    private static final String STARTED = "stop with Ctrl-C";

    private final List<Process> nodes = new ArrayList<>();
    private final int base;

    private GridProcesses(int base) {
        this.base = base;
    }

    /** Starts the server, then {@code workers} workers, one after the other, each once the one before is up. */
    static GridProcesses start(Path home, Path dir, int base, int workers) throws IOException, InterruptedException {
        GridProcesses grid = new GridProcesses(base);
        try {
            grid.startNode(home, dir.resolve("server"),
                    List.of("--config", home.resolve("config/ignite-server.xml").toString()));
            for (int i = 1; i <= workers; i++) {
                grid.startNode(home, dir.resolve("worker-" + i), List.of("--config",
                        home.resolve("config/ignite-worker.xml").toString(), "--slots", "1", "--allow-commands"));
            }
            return grid;
        } catch (IOException | InterruptedException | RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    /** The thin-client address of the server, for {@code -Ddtf.grid} and the Java client. */
    String address() {
        return "127.0.0.1:" + (base + 40);
    }

    private void startNode(Path home, Path dir, List<String> more) throws IOException, InterruptedException {
        int i = nodes.size();
        BenchFiles.deleteTree(dir);
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(home.resolve("dtf").toString(), "node", "--data-dir",
                dir.toString(), "--bind", "127.0.0.1", "--join", "127.0.0.1:" + base + ".." + (base + 9),
                "--port", String.valueOf(base + i), "--comm-port", String.valueOf(base + 20 + i),
                "--client-port", String.valueOf(base + 40 + i)));
        command.addAll(more);
        Path log = dir.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DTF_JAVA_OPTS", "-Xmx512m");
        Process p = builder.start();
        nodes.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!(Files.exists(log) && Files.readString(log).contains(STARTED))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("dtf node in " + dir + " did not start:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    /** Stops every node (SIGTERM, then SIGKILL after 30 s), workers first. */
    @Override
    public void close() throws InterruptedException {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Process p = nodes.get(i);
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
