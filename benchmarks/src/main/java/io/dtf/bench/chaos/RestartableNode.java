package io.dtf.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place in the benchmark's grid: a {@code dtf node} started through the launcher as its own
 * JVM, on fixed ports, that can be killed with SIGKILL and started again. Each start gets a data
 * directory of its own ({@code NAME-1}, {@code NAME-2}, ...) so that the logs of each life stay apart.
 */
public final class RestartableNode {
    private static final Pattern UP = Pattern.compile("DTF node ([0-9a-f-]{36}) up");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final List<String> prefix;
    private final Path launcher;
    private final Path root;
    private final Map<String, String> environment;
    private final List<String> args;
    private volatile Process process;
    private volatile String nodeId;
    private volatile Path dataDir;
    private volatile Duration cpuToUp = Duration.ZERO;
    private int starts;

    /**
     * @param launcher     the {@code dtf} script
     * @param environment  added to the launcher's environment (e.g. {@code DTF_JAVA_OPTS})
     * @param args         the {@code dtf node} options, {@code --data-dir} excepted
     */
    public RestartableNode(String name, Path launcher, Path root, Map<String, String> environment, List<String> args) {
        this(name, List.of(), launcher, root, environment, args);
    }

    /**
     * As above, the launcher run through {@code prefix} (e.g. {@code nice -n 10}: a program that execs the
     * rest of its command line, so that the process is still the node's JVM).
     */
    public RestartableNode(String name, List<String> prefix, Path launcher, Path root, Map<String, String> environment,
                           List<String> args) {
        this.name = name;
        this.prefix = List.copyOf(prefix);
        this.launcher = launcher;
        this.root = root;
        this.environment = Map.copyOf(environment);
        this.args = List.copyOf(args);
    }

    /** Starts a new JVM and waits until it reports that it is up; returns its node id. */
    public synchronized String start() throws IOException, InterruptedException {
        Path dir = root.resolve(name + "-" + (++starts));
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(launcher.toString(), "node", "--data-dir", dir.toString()));
        command.addAll(args);
        Path console = dir.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String out = Files.readString(console);
            Matcher m = UP.matcher(out);
            if (m.find()) {
                cpuToUp = p.info().totalCpuDuration().orElse(Duration.ZERO);
                dataDir = dir;
                nodeId = m.group(1);
                process = p;
                return nodeId;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(name + ": dtf node exited with " + p.exitValue() + ":\n" + out);
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException(name + ": dtf node not up within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** SIGKILL (the launcher execs java, so this is the JVM); returns when the JVM is gone, with the instant the signal went. */
    public Instant kill() throws InterruptedException {
        Process p = process;
        process = null;
        Instant at = Instant.now();
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return at;
    }

    /** SIGTERM: the node leaves the grid and closes its files (the aggregator its DuckDB file). */
    public void stop() throws InterruptedException {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The process id of the current life's JVM (the launcher execs java); -1 while it is down. */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** The CPU time (all threads) the current (or last) life's JVM had used when it reported up; zero if unknown. */
    public Duration cpuToUp() {
        return cpuToUp;
    }

    public boolean isUp() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public String name() {
        return name;
    }

    /** The id of the current (or last) life's node. */
    public String nodeId() {
        return nodeId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The node's log file of its current (or last) life, empty if it has none yet. */
    public String log() throws IOException {
        Path file = dataDir.resolve("logs").resolve("dtf.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Starts the nodes at once, each in its own thread; returns when every one is up. */
    public static void startAll(List<RestartableNode> nodes) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<String>> started = new ArrayList<>();
            for (RestartableNode n : nodes) {
                started.add(starter.submit(n::start));
            }
            for (Future<String> f : started) {
                f.get();
            }
        } finally {
            starter.shutdown();
        }
    }
}
