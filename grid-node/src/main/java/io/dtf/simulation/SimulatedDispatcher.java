package io.dtf.simulation;

import io.dtf.coordinator.Assignment;
import io.dtf.coordinator.Dispatcher;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Runs attempts in virtual time: an attempt of a task of reference duration {@code d} on a worker
 * of speed {@code s} takes {@code d / s}, times a log-normal noise factor of mean 1, plus the
 * dispatch overhead; a share of attempts fails part-way as an infrastructure failure. A worker that
 * leaves fails its attempts as NODE_LEFT at once, as {@code ComputeDispatcher} reports a node that
 * left; a dead worker's attempts fail so only once the grid notices. A stopped attempt ends
 * CANCELLED. Every attempt is answered exactly once through the dispatch callback, which posts to
 * the coordinator's inbox: the simulation's next {@code step} handles it.
 */
final class SimulatedDispatcher implements Dispatcher {
    /** An attempt in flight. */
    static final class Attempt {
        final Assignment assignment;
        final BiConsumer<Assignment, JobReply> onDone;
        final SimulatedWorker worker;
        final long startedAt;
        Events.Event end;
        boolean done;

        Attempt(Assignment assignment, BiConsumer<Assignment, JobReply> onDone, SimulatedWorker worker, long startedAt) {
            this.assignment = assignment;
            this.onDone = onDone;
            this.worker = worker;
            this.startedAt = startedAt;
        }

        String id() {
            return assignment.task().key() + " " + assignment.task().attemptId();
        }
    }

    private final VirtualClock clock;
    private final Events events;
    private final SimulatedGrid grid;
    private final Map<String, Long> referenceMillis;
    private final SimulationSettings settings;
    private final SplittableRandom durations;
    private final SplittableRandom failures;
    private final Map<String, Attempt> inFlight = new HashMap<>();
    private final Map<String, Integer> runningPerTask = new HashMap<>();
    /** Task key -> virtual time its first attempt started. */
    private final Map<String, Long> firstStart = new HashMap<>();
    private final SimulationCounts counts = new SimulationCounts();

    SimulatedDispatcher(VirtualClock clock, Events events, SimulatedGrid grid, Map<String, Long> referenceMillis,
                        SimulationSettings settings, SplittableRandom durations, SplittableRandom failures) {
        this.clock = clock;
        this.events = events;
        this.grid = grid;
        this.referenceMillis = referenceMillis;
        this.settings = settings;
        this.durations = durations;
        this.failures = failures;
    }

    @Override
    public void dispatch(List<Assignment> assignments, long epoch, BiConsumer<Assignment, JobReply> onDone) {
        long now = clock.millis();
        for (Assignment a : assignments) {
            String key = a.task().key();
            counts.attempts++;
            if (runningPerTask.merge(key, 1, Integer::sum) > 1) {
                counts.speculative++;
            }
            firstStart.putIfAbsent(key, now);
            SimulatedWorker worker = grid.worker(a.nodeId());
            Attempt attempt = new Attempt(a, onDone, worker, now);
            inFlight.put(attempt.id(), attempt);
            if (worker == null) { // left between the coordinator's topology read and now
                attempt.end = events.at(now, () -> finish(attempt, nodeLeft(attempt)));
                continue;
            }
            worker.running.add(attempt);
            if (worker.dead) {
                continue; // nothing answers; it fails when the death is noticed
            }
            double factor = settings.noise() == 0 ? 1 : Math.exp(settings.noise() * durations.nextGaussian()
                    - settings.noise() * settings.noise() / 2);
            long runs = Math.max(1, Math.round(referenceMillis.get(a.task().spec().id()) / worker.type.speed() * factor));
            long took = settings.dispatchOverhead().toMillis() + runs;
            double draw = failures.nextDouble();
            double at = failures.nextDouble();
            if (draw < settings.failureRate()) {
                long failsAfter = Math.max(1, Math.round(took * at));
                attempt.end = events.at(now + failsAfter, () -> finish(attempt, outcome(attempt, TaskState.ERROR,
                        FailureCategory.INFRASTRUCTURE, "simulated failure of the machine")));
            } else {
                attempt.end = events.at(now + took, () -> finish(attempt, outcome(attempt, TaskState.PASSED, null, null)));
            }
        }
    }

    @Override
    public void stop(String nodeId, String taskKey, String attemptId, long epoch) {
        Attempt attempt = inFlight.get(taskKey + " " + attemptId);
        if (attempt == null || !attempt.assignment.nodeId().equals(nodeId)) {
            return; // as a worker that no longer runs it: ignored
        }
        if (attempt.end != null) {
            attempt.end.cancel();
        }
        attempt.end = events.at(clock.millis(), () -> finish(attempt, outcome(attempt, TaskState.CANCELLED, null,
                "stopped by the coordinator")));
    }

    /** A simulated grid has no attempts from an earlier coordinator. */
    @Override
    public List<LiveAttempt> reconcile(long epoch) {
        return List.of();
    }

    /** The worker left or its death was noticed: its attempts fail as NODE_LEFT now. */
    void lost(SimulatedWorker worker) {
        for (Attempt attempt : List.copyOf(worker.running)) {
            if (attempt.end != null) {
                attempt.end.cancel();
            }
            attempt.end = events.at(clock.millis(), () -> finish(attempt, nodeLeft(attempt)));
        }
    }

    int inFlight() {
        return inFlight.size();
    }

    SimulationCounts counts() {
        return counts;
    }

    /** When each task's first attempt started, virtual epoch milliseconds; tasks never started are absent. */
    Map<String, Long> firstStarts() {
        return firstStart;
    }

    private void finish(Attempt attempt, JobReply reply) {
        if (attempt.done) {
            return;
        }
        attempt.done = true;
        counts.ended++;
        inFlight.remove(attempt.id());
        runningPerTask.computeIfPresent(attempt.assignment.task().key(), (k, n) -> n > 1 ? n - 1 : null);
        if (attempt.worker != null) {
            attempt.worker.running.remove(attempt);
        }
        if (reply.outcome().status() == TaskState.CANCELLED) {
            counts.stopped++;
        } else if (!reply.outcome().status().isSuccess()) {
            counts.failures++;
        }
        attempt.onDone.accept(attempt.assignment, reply);
    }

    private JobReply nodeLeft(Attempt attempt) {
        return outcome(attempt, TaskState.ERROR, FailureCategory.NODE_LEFT,
                "node " + attempt.assignment.nodeId() + " left the grid during the attempt");
    }

    private JobReply outcome(Attempt attempt, TaskState status, FailureCategory category, String error) {
        Assignment a = attempt.assignment;
        AttemptOutcome outcome = new AttemptOutcome(status, Instant.ofEpochMilli(attempt.startedAt), clock.instant(),
                status == TaskState.PASSED ? 0 : null, List.of(), "", "", error, category);
        String hwClass = attempt.worker == null ? null : attempt.worker.type.hwClass();
        return new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), hwClass, outcome);
    }
}
