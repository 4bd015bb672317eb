package io.dtf.bench.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The load generator of the console load benchmark, a process apart from the grid: for each of three
 * request kinds, N clients (each a thread with its own HTTP connection) ask as fast as answers come for
 * a fixed time; prints requests/s and the p50/p99 latency of each. The baseline is {@code /api/health}
 * on the same console (HTTP, routing and the role check, with no grid read), measured in the same run.
 *
 * <p>Run: {@code benchmarks/run-console-load.sh [tasks] [clients] [seconds]}, which starts
 * {@link ConsoleLoadGrid} first.
 */
public final class ConsoleLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String runId = args[1];
        int tasks = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int pages = Math.max(1, tasks / 50);
        System.out.printf(Locale.ROOT, "load: %d clients for %d s per kind, from a separate JVM on %d cores%n",
                clients, seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-44s %9s %10s %9s %9s %7s%n", "request", "requests", "req/s", "p50 ms", "p99 ms", "errors");
        run("warm-up (tasks pages, not counted)", base, clients, 5, r -> "/api/runs/" + runId + "/tasks?offset="
                + r % pages * 50 + "&limit=50", false);
        run("GET /api/health (baseline)", base, clients, seconds, r -> "/api/health", true);
        run("GET /api/runs/{id}/tasks?offset=R&limit=50", base, clients, seconds,
                r -> "/api/runs/" + runId + "/tasks?offset=" + r % pages * 50 + "&limit=50", true);
        run("GET /api/runs/{id}/tasks?state=PASSED&offset=R", base, clients, seconds,
                r -> "/api/runs/" + runId + "/tasks?state=PASSED&offset=" + r % pages * 50 + "&limit=50", true);
    }

    private static void run(String label, String base, int clients, int seconds, IntFunction<String> path, boolean print)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[clients];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[2_000_000];
            samples.add(mine);
            int client = c;
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                Random random = new Random(client);
                int n = 0;
                while (System.nanoTime() < end && n < mine.length) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path.apply(random.nextInt(1 << 30)))).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine[n++] = System.nanoTime() - t0;
                }
                counts[client] = n;
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!print) {
            return;
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(samples.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf(Locale.ROOT, "%-44s %9d %10.0f %9.2f %9.2f %7d%n", label, total, total / (double) seconds,
                percentile(all, 0.50), percentile(all, 0.99), errors.get());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
