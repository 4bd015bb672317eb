package io.dtf.bench.grid;

import io.dtf.client.DtfClient;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A steady stream of short no-op tasks: {@code runners} threads, each submitting a run of
 * {@code batch} tasks and following it to its end, then the next, until stopped. Records when
 * each task's final result ended, and checks each run as it ends: every task with exactly one
 * final result, and that one passed.
 */
final class TaskStream {
    private final DtfClient client;
    private final int runners;
    private final int batch;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Long> endedMillis = new ConcurrentLinkedQueue<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong finalTwice = new AtomicLong();
    private final AtomicInteger runs = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;

    TaskStream(DtfClient client, int runners, int batch) {
        this.client = client;
        this.runners = runners;
        this.batch = batch;
    }

    void start() {
        for (int i = 0; i < runners; i++) {
            Thread t = new Thread(this::submitUntilStopped, "stream-" + (i + 1));
            threads.add(t);
            t.start();
        }
    }

    /** Submits no more runs and waits for the runs in flight to end. */
    void stopAndDrain() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join();
        }
    }

    private void submitUntilStopped() {
        while (!stopping) {
            try {
                oneRun();
            } catch (Exception e) {
                errors.add(e.toString());
                if (e instanceof InterruptedException) {
                    return;
                }
            }
        }
    }

    private void oneRun() throws Exception {
        int n = runs.incrementAndGet();
        List<TaskSpec> specs = IntStream.range(0, batch).mapToObj(i -> new TaskSpec("noop-" + i, "noop", Map.of(),
                new BenchmarkAction("noop", 0, 1), List.of(), 0, Duration.ofMinutes(2), 0, 1)).toList();
        String runId = client.submit(new Suite("churn-" + n, specs));
        submitted.addAndGet(batch);
        Map<String, TaskResult> finals = new HashMap<>();
        RunView view = client.await(runId, Duration.ofMinutes(10), r -> {
            if (!r.finalAttempt()) {
                retries.incrementAndGet();
            } else if (finals.putIfAbsent(r.taskId(), r) != null) {
                finalTwice.incrementAndGet();
            } else {
                endedMillis.add(r.endedAt().toEpochMilli());
            }
        });
        lost.addAndGet(batch - finals.size());
        failed.addAndGet(finals.values().stream().filter(r -> r.status() != TaskState.PASSED).count());
        if (!view.isDone()) {
            errors.add(runId + " did not end: " + view);
        }
    }

    /** Tasks whose final result ended in {@code [from, to)}, per second. */
    double rate(Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        long count = endedMillis.stream().filter(t -> t >= a && t < b).count();
        return count / ((b - a) / 1000.0);
    }

    long submitted() {
        return submitted.get();
    }

    long completed() {
        return endedMillis.size();
    }

    long retries() {
        return retries.get();
    }

    long lost() {
        return lost.get();
    }

    long failed() {
        return failed.get();
    }

    long finalTwice() {
        return finalTwice.get();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}
