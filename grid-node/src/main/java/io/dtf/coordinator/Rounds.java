package io.dtf.coordinator;

import io.dtf.protocol.JobReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One scheduling round a loop turn: the scheduler places queued tasks (and speculative copies of
 * late ones), the task table starts them, and the dispatcher sends them off in one call. Replies
 * come back from any thread and are posted to the loop; a replaced coordinator forwards them.
 */
final class Rounds {
    /** Where a round's decisions come from: the scheduler, or in a test a stand-in that adds copies. */
    @FunctionalInterface
    interface Planner {
        Scheduler.Round plan(List<WorkerNode> workers, Set<String> quarantined, Map<String, Integer> busy,
                             Instant now);
    }

    private final Scheduler scheduler;
    private final Planner planner;
    private final TaskTable table;
    private final AttemptEnds ends;
    private final WorkerHealth health;
    private final Topology topology;
    private final Dispatcher dispatcher;
    private final CoordinatorLoop loop;
    private final Consumer<JobReply> successor;
    private final long idleTickMs;
    private List<WorkerNode> lastWorkers;
    private long lastRoundAt = Long.MIN_VALUE / 2;

    Rounds(Scheduler scheduler, Planner planner, TaskTable table, AttemptEnds ends, WorkerHealth health, Topology topology,
           Dispatcher dispatcher, CoordinatorLoop loop, Consumer<JobReply> successor, CoordinatorSettings settings) {
        this.scheduler = scheduler;
        this.planner = planner;
        this.table = table;
        this.ends = ends;
        this.health = health;
        this.topology = topology;
        this.dispatcher = dispatcher;
        this.loop = loop;
        this.successor = successor;
        this.idleTickMs = settings.idleTick().toMillis();
    }

    /**
     * Schedules when tasks wait; with none waiting but some running, once an idle tick (the
     * scheduler may start a copy of one that is late).
     */
    void run(Instant now) {
        boolean queued = scheduler.queued() > 0;
        if (!queued && (table.running() == 0 || now.toEpochMilli() - lastRoundAt < idleTickMs)) {
            return;
        }
        lastRoundAt = now.toEpochMilli();
        List<WorkerNode> workers = topology.liveWorkers();
        if (workers != lastWorkers) { // the topology reuses its list until the grid changes
            health.remember(workers);
            lastWorkers = workers;
        }
        Scheduler.Round round = planner.plan(workers, health.quarantined(now), table.busy(), now);
        round.expired().forEach(ends::giveUp);
        long epoch = loop.epoch();
        List<Assignment> started = new ArrayList<>(round.assignments().size() + round.speculative().size());
        for (Assignment a : round.assignments()) {
            TaskRecord running = a.task().startOn(a.nodeId(), epoch, now);
            table.transition(running, TaskTable.Cause.DISPATCHED, null);
            started.add(new Assignment(running, a.nodeId(), a.fallback()));
        }
        for (Assignment copy : round.speculative()) {
            TaskRecord attempt = table.startCopy(copy.task().key(), copy.nodeId(), epoch, now);
            if (attempt != null) {
                started.add(new Assignment(attempt, copy.nodeId(), copy.fallback()));
            }
        }
        if (!started.isEmpty()) {
            dispatcher.dispatch(started, epoch, this::replied);
        }
    }

    /** From any thread: one attempt's reply. */
    private void replied(Assignment a, JobReply reply) {
        if (loop.fenced()) {
            successor.accept(reply);
            return;
        }
        String key = a.task().key();
        String attemptId = a.task().attemptId();
        // Checked here, off the loop: a signature check costs a millisecond.
        Optional<String> refused = ends.replyRefusal(key, attemptId, a.nodeId(), reply);
        loop.post(() -> {
            if (refused.isPresent()) {
                ends.refuse(reply, refused.get());
                ends.endRefused(key, attemptId, refused.get());
            } else {
                ends.complete(key, attemptId, reply);
            }
        });
    }
}
