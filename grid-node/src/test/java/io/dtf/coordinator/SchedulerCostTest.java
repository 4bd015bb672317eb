package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.hardware.HardwareKeys;
import io.dtf.model.TaskSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the scheduler costs per placed task on a large grid, measured, never asserted (timings on a
 * shared machine prove nothing): a minimal event loop runs a whole workload through each placement
 * and prints CPU per task and the makespan against its lower bound. Larger runs:
 * {@code -Ddtf.cost.workers=1000 -Ddtf.cost.tasks=100000}.
 */
class SchedulerCostTest {
    private static final int WORKERS = Integer.getInteger("dtf.cost.workers", 1000);
    private static final int TASKS = Integer.getInteger("dtf.cost.tasks", 10_000);
    private static final int SLOTS = 4;
    /** Thread CPU time, not wall time: the machine is shared, and what is wanted is the scheduler's CPU. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** Hardware classes and how many times slower than the reference each one is. */
    private static final String[] CLASSES = {"fast", "mid", "slow"};
    private static final double[] SLOWDOWN = {1.0, 2.0, 4.0};

    private record Done(long at, String taskKey, String attemptId, String node) {
    }

    @Test
    void everyTaskIsPlacedAndTheCostPerTaskIsReported() {
        List<WorkerNode> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(new WorkerNode("w" + i, Map.of(HardwareKeys.HW_CLASS, CLASSES[i % 3],
                    HardwareKeys.MEMORY_BYTES, (i % 2 == 0 ? 8L : 64L) << 30), SLOTS));
        }
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Long> reference = new HashMap<>();
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            // Skewed durations: most a few seconds, a few minutes long.
            long millis = (long) (1000 * Math.exp(random.nextDouble() * 5));
            String id = "t" + i;
            reference.put(id, millis);
            specs.add(i % 10 == 0 ? Tasks.spec(id, 0, "memory >= 16GiB") : Tasks.spec(id, 0));
        }
        DurationEstimates estimates = (suite, spec, hw) -> {
            long ref = reference.get(spec.id());
            for (int c = 0; c < CLASSES.length; c++) {
                if (CLASSES[c].equals(hw)) {
                    return (long) (ref * SLOWDOWN[c]);
                }
            }
            return ref;
        };
        double capacity = 0;
        for (double s : SLOWDOWN) {
            capacity += (WORKERS / 3.0) * SLOTS / s;
        }
        // Total work over capacity, or the longest task on the fastest class; the memory
        // requirement is left out, so the bound is lower than the true one where it binds.
        double bound = Math.max(reference.values().stream().mapToLong(Long::longValue).sum() / capacity,
                reference.values().stream().mapToLong(Long::longValue).max().orElse(0));
        System.out.printf("scheduler cost: %d workers x %d slots, %d tasks, lower bound %.0f s%n",
                WORKERS, SLOTS, TASKS, bound / 1000);
        String only = System.getProperty("dtf.cost.placement");
        for (Placement placement : Placement.values()) {
            if (only == null || only.equals(placement.name())) {
                run(placement, workers, specs, estimates, bound);
            }
        }
    }

    private static void run(Placement placement, List<WorkerNode> workers, List<TaskSpec> specs,
                            DurationEstimates estimates, double bound) {
        Scheduler s = new Scheduler(placement, estimates);
        for (int i = 0; i < specs.size(); i++) {
            s.enqueue(Tasks.queued(i, specs.get(i)));
        }
        Map<String, Integer> busy = new HashMap<>();
        PriorityQueue<Done> events = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
        Map<String, String> classOf = new HashMap<>();
        workers.forEach(w -> classOf.put(w.nodeId(), (String) w.attributes().get(HardwareKeys.HW_CLASS)));
        long now = 0;
        long cpu = 0;
        int placed = 0;
        int rounds = 0;
        while (placed < specs.size() || !events.isEmpty()) {
            long start = CPU.getCurrentThreadCpuTime();
            // As the coordinator does: a round only while something is queued.
            Scheduler.Round round = s.queued() == 0 ? new Scheduler.Round(List.of(), List.of(), List.of())
                    : s.schedule(workers, Set.of(), busy, Instant.ofEpochMilli(now));
            cpu += CPU.getCurrentThreadCpuTime() - start;
            rounds++;
            for (Assignment a : round.assignments()) {
                placed++;
                long took = estimates.expectedMillis("suite", a.task().spec(), classOf.get(a.nodeId()));
                events.add(new Done(now + took, a.task().key(), "1:" + (a.task().attempts() + 1), a.nodeId()));
            }
            Done next = events.poll();
            if (next == null) {
                break;
            }
            now = next.at;
            for (Done d = next; d != null; d = events.peek() != null && events.peek().at == now ? events.poll() : null) {
                busy.computeIfPresent(d.node, (n, c) -> c > 1 ? c - 1 : null);
                start = CPU.getCurrentThreadCpuTime();
                s.ended(d.taskKey, d.attemptId, Instant.ofEpochMilli(now));
                cpu += CPU.getCurrentThreadCpuTime() - start;
            }
        }
        System.out.printf("  %-16s %6.1f us CPU/task, %6d rounds, makespan %.0f s = %.3f x bound%n", placement,
                cpu / 1000.0 / placed, rounds, now / 1000.0, now / bound);
        assertEquals(specs.size(), placed, placement + ": every task placed");
        assertEquals(0, s.queued());
    }
}
