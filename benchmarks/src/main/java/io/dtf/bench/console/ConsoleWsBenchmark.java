package io.dtf.bench.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskView;
import io.dtf.wire.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * WebSocket fan-out: {@code clients} pages on {@code /ws} while a run of {@code tasks} no-op tasks
 * finishes on the grid of {@link ConsoleGridProcess} (another process). Measures, in the same run:
 * <ul>
 *   <li>delivery latency on {@code /ws}: a frame's arrival at each client minus each of its task events' {@code at}
 *       (when the coordinator recorded the change), p50/p99 over all clients; frames and bytes per client;</li>
 *   <li>the baseline: one reader polling the run's task list every 250 ms (what {@code /api/runs/{id}/tasks}
 *       reads), latency of each task's final state from the same {@code at}, bytes read;</li>
 *   <li>a headless Chromium on the console rendering every task event into a table of a row per task,
 *       with a requestAnimationFrame heartbeat: the longest gap between frames, idle and during the burst;
 *       next to a second Chromium that only beats (no /ws), which shows what the busy machine alone costs.</li>
 * </ul>
 * Run: {@code benchmarks/run-console-ws.sh [tasks=10000] [clients=200]}.
 */
public final class ConsoleWsBenchmark {
    private static final long POLL_MILLIS = 250;
    /** The measured page's view: {@code window} (counts and 100 rows) or {@code table} (a row per task); see {@link PageProbe}. */
    private static final String PAGE = System.getProperty("page", "window");

    public static void main(String[] args) throws Exception {
        int base = Integer.parseInt(args[0]);
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String console = "http://127.0.0.1:" + (base + 3);
        URI ws = URI.create("ws://127.0.0.1:" + (base + 3) + "/ws");

        Map<Long, long[]> atsBySeq = new ConcurrentHashMap<>(); // seq -> the frame's task events' at (epoch ms)
        Map<String, Long> finalAt = new ConcurrentHashMap<>();   // taskId -> at of its final state
        AtomicReference<String> runId = new AtomicReference<>();
        AtomicLong runEnded = new AtomicLong();
        try (DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:" + (base + 2)));
             PageProbe page = PageProbe.open(console, PAGE);
             PageProbe control = PageProbe.open(console, "none");
             WsFanOut fanOut = new WsFanOut(ws, clients, (now, text) -> read(text, atsBySeq, finalAt, runId, runEnded))) {
            System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; grid in another process; %d /ws clients + 1 browser%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), clients);
            page.startMeasuring();
            control.startMeasuring();
            Thread.sleep(3_000);
            double idleGap = page.longestGap();
            double controlIdleGap = control.longestGap();

            List<TaskSpec> specs = IntStream.range(0, tasks).mapToObj(i -> new TaskSpec("t" + i, "t" + i, Map.of(),
                    new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(5), 0, 1)).toList();
            page.startMeasuring();
            control.startMeasuring();
            long submitted = System.currentTimeMillis();
            String id = client.submit(new Suite("console-ws", specs));
            runId.set(id);
            Poller poller = new Poller(client, id);
            Thread polling = new Thread(poller, "poller");
            polling.start();
            long deadline = System.currentTimeMillis() + 600_000;
            while ((runEnded.get() == 0 || poller.finalSeen.size() < tasks) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_000); // the last frames reach the slowest clients
            poller.stop = true;
            polling.join();
            double burstGap = page.longestGap();
            double controlBurstGap = control.longestGap();
            long pageEvents = page.events();

            long[] wsLatency = wsLatencies(fanOut, atsBySeq);
            long[] pollLatency = finalAt.entrySet().stream().filter(e -> poller.finalSeen.containsKey(e.getKey()))
                    .mapToLong(e -> poller.finalSeen.get(e.getKey()) - e.getValue()).sorted().toArray();
            double frames = fanOut.seen.stream().mapToInt(s -> s.frames.size()).average().orElse(0);
            double bytes = fanOut.seen.stream().mapToLong(s -> s.chars).average().orElse(0);
            long events = atsBySeq.values().stream().mapToLong(a -> a.length).sum();

            System.out.printf(Locale.ROOT, "run: %d tasks in %.1f s; %d task events on /ws (after coalescing)%n", tasks,
                    (runEnded.get() - submitted) / 1e3, events);
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %12s %14s%n", "path", "p50 ms", "p99 ms", "frames/client",
                    "bytes/client");
            System.out.printf(Locale.ROOT, "%-34s %10d %10d %12.0f %14.0f%n", "/ws, " + clients + " clients", pct(wsLatency, 0.5),
                    pct(wsLatency, 0.99), frames, bytes);
            System.out.printf(Locale.ROOT, "%-34s %10d %10d %12d %14d%n", "poll task list every 250 ms, 1 reader",
                    pct(pollLatency, 0.5), pct(pollLatency, 0.99), poller.polls, poller.chars);
            System.out.printf(Locale.ROOT, "browser, %s page: %d task events rendered; longest frame gap %.0f ms in the burst, %.0f ms idle%n",
                    PAGE, pageEvents, burstGap, idleGap);
            System.out.printf(Locale.ROOT, "control page (same machine, no /ws): longest frame gap %.0f ms in the burst, %.0f ms idle%n",
                    controlBurstGap, controlIdleGap);
        }
    }

    /** Reads one frame's task events (the first client's copy). */
    private static void read(String text, Map<Long, long[]> atsBySeq, Map<String, Long> finalAt,
                             AtomicReference<String> runId, AtomicLong runEnded) {
        JsonNode frame = Json.read(text, JsonNode.class);
        JsonNode events = frame.get("events");
        if (events == null) {
            return;
        }
        List<Long> ats = new ArrayList<>();
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            if (type.equals("task") && e.hasNonNull("at")) {
                long at = Instant.parse(e.get("at").asText()).toEpochMilli();
                ats.add(at);
                if (e.path("state").asText().equals("PASSED")) {
                    finalAt.put(e.get("taskId").asText(), at);
                }
            } else if (type.equals("run") && e.path("runId").asText().equals(runId.get()) && e.hasNonNull("endedAt")) {
                runEnded.compareAndSet(0, Instant.parse(e.get("endedAt").asText()).toEpochMilli());
            }
        }
        atsBySeq.put(frame.get("seq").asLong(), ats.stream().mapToLong(Long::longValue).toArray());
    }

    private static long[] wsLatencies(WsFanOut fanOut, Map<Long, long[]> atsBySeq) {
        long n = 0;
        for (WsFanOut.Seen s : fanOut.seen) {
            for (long[] f : s.frames) {
                n += atsBySeq.getOrDefault(f[0], new long[0]).length;
            }
        }
        long[] out = new long[(int) n];
        int i = 0;
        for (WsFanOut.Seen s : fanOut.seen) {
            for (long[] f : s.frames) {
                for (long at : atsBySeq.getOrDefault(f[0], new long[0])) {
                    out[i++] = f[1] - at;
                }
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /** The baseline: the whole task list read every 250 ms, as a page without /ws would poll. */
    private static final class Poller implements Runnable {
        final Map<String, Long> finalSeen = new ConcurrentHashMap<>();
        final DtfClient client;
        final String runId;
        volatile boolean stop;
        long polls;
        long chars;

        Poller(DtfClient client, String runId) {
            this.client = client;
            this.runId = runId;
        }

        @Override
        public void run() {
            while (!stop) {
                long started = System.currentTimeMillis();
                List<TaskView> list = client.tasks(runId);
                long now = System.currentTimeMillis();
                polls++;
                chars += Json.write(list).length();
                for (TaskView t : list) {
                    if (t.state().isFinal()) {
                        finalSeen.putIfAbsent(t.taskId(), now);
                    }
                }
                long rest = POLL_MILLIS - (now - started);
                if (rest > 0) {
                    try {
                        Thread.sleep(rest);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }
}
