package io.dtf.simulation;

import io.dtf.audit.AuditLog;
import io.dtf.coordinator.Coordinator;
import io.dtf.coordinator.CoordinatorRuntime;
import io.dtf.coordinator.CoordinatorSettings;
import io.dtf.coordinator.InMemoryCoordinatorStore;
import io.dtf.coordinator.Placement;
import io.dtf.coordinator.ReplyCheck;
import io.dtf.coordinator.WorkerNode;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Runs a workload on a simulated grid through the real coordinator and scheduler, in virtual time:
 * the coordinator is built as on a node but with an in-memory store, a {@link SimulatedDispatcher}
 * and a {@link SimulatedGrid}, and this thread is its loop thread. Each turn advances the clock to
 * the next event (an attempt's end, a worker joining, leaving or being noticed dead), or to the
 * coordinator's next idle tick when work waits and slots are free (a backoff, a quarantine), delivers
 * what is due, and calls {@code step}. The thread's CPU time inside {@code submit} and {@code step}
 * is the scheduler's cost.
 *
 * <pre>{@code
 * PolicyResult r = Simulation.run(workers, workload, SimulationSettings.defaults(42), Placement.FIRST_FREE);
 * }</pre>
 */
public final class Simulation {
    /**
     * When nothing runs and nothing started or ended for this long, the run is stuck: what waits has
     * no worker that could run it, and churn has not brought one.
     */
    private static final long STALL_MS = 6 * 3_600_000;

    private final VirtualClock clock = new VirtualClock();
    private final Events events = new Events();
    private final SimulatedGrid grid;
    private final SimulatedDispatcher dispatcher;
    private final Coordinator coordinator;
    private final List<WorkloadTask> workload;
    private final SimulationSettings settings;
    private final long idleTick;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ChurnProcess churn;
    private final LowerBound bound;
    private List<WorkerNode> slotsCountedFor;
    private long liveSlots;
    private long cpuNanos;
    private long steps;

    private Simulation(List<WorkerClass> workers, List<WorkloadTask> workload, SimulationSettings settings,
                       Placement placement) {
        this.workload = workload;
        this.settings = settings;
        List<WorkloadTask> realized = RealizedWorkload.of(workload, settings);
        this.bound = LowerBound.of(workers, realized);
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        Map<String, Long> reference = new HashMap<>();
        workload.forEach(t -> reference.put(t.id(), t.durationMs()));
        Map<String, Long> runTimes = new HashMap<>();
        realized.forEach(t -> runTimes.put(t.id(), t.durationMs()));
        this.grid = new SimulatedGrid(workers);
        // The noise is in the run times already: the dispatcher adds none of its own.
        this.dispatcher = new SimulatedDispatcher(clock, events, grid, runTimes, settings.withNoise(0), seeds.split(),
                seeds.split());
        this.churn = new ChurnProcess(settings.churn(), events, clock, grid, dispatcher, workers, seeds.split());
        CoordinatorSettings coordinatorSettings = CoordinatorSettings.defaults().withPlacement(placement);
        this.idleTick = coordinatorSettings.idleTick().toMillis();
        AuditLog nowhere = event -> { };
        this.coordinator = new Coordinator(new InMemoryCoordinatorStore(), dispatcher, grid, reply -> { },
                coordinatorSettings, CoordinatorRuntime.simulated(clock, seeds.nextLong()),
                new KnownDurations(reference, workers), nowhere, ReplyCheck.ACCEPT_ALL);
        grid.onChange(coordinator::topologyChanged);
    }

    /**
     * Simulates {@code workload} on {@code workers} with {@code placement} until every task has ended.
     *
     * @throws IllegalArgumentException when a task has no worker class to run on, or the coordinator refuses
     *                                  the workload
     */
    public static PolicyResult run(List<WorkerClass> workers, List<WorkloadTask> workload, SimulationSettings settings,
                                   Placement placement) {
        return new Simulation(workers, workload, settings, placement).run(placement);
    }

    private PolicyResult run(Placement placement) {
        long wallStart = System.nanoTime();
        coordinator.start();
        List<String> runIds = new ArrayList<>();
        for (Suite suite : SimulatedSuites.of(workload)) {
            SubmitReply reply = measured(() -> coordinator.submit(suite));
            if (reply.runId() == null) {
                // The coordinator's own admission (its heap, the suite checks): said as it says it.
                throw new IllegalArgumentException("the coordinator refused the workload: "
                        + String.join("; ", reply.errors()));
            }
            runIds.add(reply.runId());
        }
        churn.start();
        long lastStep = clock.millis();
        long lastActivity = lastStep;
        long activity = 0;
        step();
        while (!(dispatcher.inFlight() == 0 && ended(runIds))) {
            SimulationCounts c = dispatcher.counts();
            if (c.attempts + c.ended != activity) {
                activity = c.attempts + c.ended;
                lastActivity = clock.millis();
            }
            long nextEvent = events.next();
            // Free slots and work not placed: it may wait on time (a backoff, a quarantine), so tick as the loop does.
            long next = dispatcher.inFlight() < liveSlots() ? Math.min(nextEvent, lastStep + idleTick) : nextEvent;
            boolean stuck = dispatcher.inFlight() == 0 && next - lastActivity > STALL_MS;
            if (next == Long.MAX_VALUE || stuck
                    || next - VirtualClock.START.toEpochMilli() > settings.horizon().toMillis()) {
                break; // reported as unfinished tasks
            }
            clock.advanceTo(next);
            events.runUntil(next);
            step();
            lastStep = next;
        }
        long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
        return result(placement, runIds, wallMillis);
    }

    /** The slots of the live workers, counted again only when the grid changed. */
    private long liveSlots() {
        List<WorkerNode> live = grid.liveWorkers();
        if (live != slotsCountedFor) {
            slotsCountedFor = live;
            liveSlots = live.stream().mapToLong(WorkerNode::slots).sum();
        }
        return liveSlots;
    }

    private void step() {
        steps++;
        measured(() -> coordinator.step(clock.instant()));
    }

    private <T> T measured(Supplier<T> call) {
        long before = threads.getCurrentThreadCpuTime();
        T value = call.get();
        cpuNanos += threads.getCurrentThreadCpuTime() - before;
        return value;
    }

    private boolean ended(List<String> runIds) {
        for (String runId : runIds) {
            Optional<RunView> run = coordinator.run(runId);
            if (run.isEmpty() || run.get().endedAt() == null) {
                return false;
            }
        }
        return true;
    }

    private PolicyResult result(Placement placement, List<String> runIds, long wallMillis) {
        long start = VirtualClock.START.toEpochMilli();
        long makespan = 0;
        int unfinished = 0;
        int notPassed = 0;
        for (String runId : runIds) {
            RunView run = coordinator.run(runId).orElseThrow();
            makespan = Math.max(makespan, (run.endedAt() == null ? clock.millis() : run.endedAt().toEpochMilli()) - start);
            for (Map.Entry<TaskState, Integer> e : run.counts().entrySet()) {
                if (!e.getKey().isFinal()) {
                    unfinished += e.getValue();
                } else if (e.getKey() != TaskState.PASSED) {
                    notPassed += e.getValue();
                }
            }
        }
        long[] waits = dispatcher.firstStarts().values().stream().mapToLong(t -> t - start).toArray();
        Arrays.sort(waits);
        SimulationCounts c = dispatcher.counts();
        double cpuPerTask = cpuNanos / 1_000.0 / workload.size();
        return new PolicyResult(placement, makespan, Math.round(makespan * 10_000.0 / bound.boundMs()) / 10_000.0,
                workload.size(), unfinished, notPassed, percentile(waits, 0.50), percentile(waits, 0.99), c.attempts,
                c.failures, c.speculative, c.stopped, c.joins, c.leaves, c.deaths, steps,
                Math.round(cpuPerTask * 100) / 100.0, wallMillis);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }
}
