package io.dtf.bench.console;

import io.dtf.client.DtfClient;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.NodeOptions;
import io.dtf.node.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The grid side of the console load benchmark: one node with every role (the console on
 * {@value #CONSOLE_PORT}), a run of N no-op tasks submitted and finished, then the console's address
 * and the run id written to a file for {@link ConsoleLoad}, which runs in a process of its own. Stops
 * when that file is deleted.
 *
 * <p>Run: {@code benchmarks/run-console-load.sh [tasks] [clients] [seconds]}.
 */
public final class ConsoleLoadGrid {
    static final int CONSOLE_PORT = 22380;
    private static final int DISCOVERY = 22360;
    private static final int COMMUNICATION = 22370;

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path ready = Path.of(args.length > 1 ? args[1] : "target/console-load.ready");
        Path config = Path.of(System.getProperty("dtf.home", "..")).resolve("config/ignite-default.xml");
        Path root = Path.of("target", "console-load").toAbsolutePath();
        NodeOptions options = NodeOptions.of(config, root.resolve("node")).withRoles(Set.copyOf(Roles.ALL))
                .withSlots(32).withInstanceName("console-load").withConsolePort(CONSOLE_PORT)
                .withNetwork("127.0.0.1", DISCOVERY, COMMUNICATION, null, List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 9)));
        try (DtfNode node = DtfNode.start(options)) {
            DtfClient client = DtfClient.over(node.coordinator(Duration.ofSeconds(30)));
            List<TaskSpec> specs = IntStream.range(0, tasks).mapToObj(i -> new TaskSpec("noop-" + i, "noop", Map.of(),
                    new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(1), 0, 1)).toList();
            long start = System.nanoTime();
            String runId = client.submit(new Suite("console-load", specs));
            RunView run = client.await(runId, Duration.ofMinutes(10), r -> { });
            System.out.printf("grid: %d cores, %s, Java %s; run %s of %d tasks ended in %.1f s: %s%n",
                    Runtime.getRuntime().availableProcessors(), node.attributes().get("dtf.hw.class"), Runtime.version(),
                    runId, tasks, (System.nanoTime() - start) / 1e9, run.counts());
            Files.createDirectories(ready.toAbsolutePath().getParent());
            Files.writeString(ready, "http://127.0.0.1:" + CONSOLE_PORT + " " + runId + "\n");
            while (Files.exists(ready)) {
                Thread.sleep(200);
            }
        }
    }
}
