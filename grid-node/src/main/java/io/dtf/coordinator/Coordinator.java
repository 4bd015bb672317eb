package io.dtf.coordinator;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.suite.SuiteLimits;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's logic: accepts runs, schedules their tasks onto workers, turns attempt outcomes
 * into results and task states. One event loop thread owns all state, so there are no locks: API
 * calls from other threads are posted to the loop and answered from it. Writes to the store are
 * batched once per loop turn and applied in order by one writer thread, results before task
 * states; a query is answered only once every write so far is stored, so a task seen as ended
 * always has its result stored.
 *
 * <p>Ignite stays outside: state goes through {@link CoordinatorStore}, attempts through
 * {@link Dispatcher}, workers come from {@link Topology}.
 */
public final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final long IDLE_TICK_MS = 100;
    private static final long RECORD_START_AFTER_MS = 100;
    private static final int MAX_NAME = 200;
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final CoordinatorStore store;
    private final Dispatcher dispatcher;
    private final Topology topology;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final Scheduler scheduler = new Scheduler();
    private final Map<String, TaskRecord> tasks = new HashMap<>();
    private final Map<String, RunState> runs = new HashMap<>();
    private final Map<String, Integer> busy = new HashMap<>();
    private final StateWriter writer;
    /** Started attempts whose RUNNING state is not stored yet, oldest first. */
    private final ArrayDeque<TaskRecord> unrecordedStarts = new ArrayDeque<>();
    private long nextOrder;
    private volatile boolean stopped;

    public Coordinator(CoordinatorStore store, Dispatcher dispatcher, Topology topology) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.topology = topology;
        this.writer = new StateWriter(store, new StateWriter.Owner() {
            @Override
            public void indexed(TaskResult r, boolean stored) {
                RunState run = runs.get(r.runId());
                if (stored) {
                    run.addResult(r.seq());
                } else {
                    run.removeResult(r.seq());
                }
            }

            @Override
            public boolean isCurrent(TaskRecord t) {
                return tasks.get(t.key()) == t;
            }

            @Override
            public boolean isCurrent(RunRecord r) {
                return runs.get(r.runId()).record == r;
            }
        });
    }

    /** Runs the event loop until {@link #stop()}; rebuilds state from the store first. */
    public void run() {
        recover();
        while (!stopped) {
            try {
                Runnable event = inbox.poll(IDLE_TICK_MS, TimeUnit.MILLISECONDS);
                if (event != null) {
                    event.run();
                    for (int i = 0; i < 10_000 && (event = inbox.poll()) != null; i++) {
                        event.run();
                    }
                }
                scheduleRound();
                recordLongRunningStarts();
                writer.flush();
                writer.settleFinished();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A store outage (data nodes restarting) must not kill the loop: dirty state stays and is retried.
                LOG.warn("coordinator loop turn failed; retrying", e);
                sleepQuietly(IDLE_TICK_MS);
            }
        }
    }

    public void stop() {
        stopped = true;
        inbox.add(() -> { });
        writer.shutdown();
    }

    /** Wakes the loop so it schedules against the new topology at once. */
    public void topologyChanged() {
        inbox.add(() -> busy.keySet().retainAll(liveIds()));
    }

    public SubmitReply submit(Suite suite) {
        List<String> errors = validate(suite);
        if (!errors.isEmpty()) {
            return new SubmitReply(null, errors);
        }
        String runId = newRunId(suite.name());
        return ask(() -> {
            RunState run = new RunState(new RunRecord(runId, suite.name(), Instant.now(), suite.tasks().size(), null));
            runs.put(runId, run);
            writer.run(run.record);
            for (TaskSpec spec : suite.tasks()) {
                TaskRecord task = TaskRecord.queued(runId, suite.name(), nextOrder++, spec);
                tasks.put(task.key(), task);
                run.taskKeys.add(task.key());
                run.count(null, TaskState.QUEUED);
                writer.task(task);
                scheduler.enqueue(task);
            }
            writer.storeAll(); // a run id handed out is a run stored: the coordinator may die right after replying
            LOG.info("run {} accepted: suite {}, {} tasks", runId, suite.name(), suite.tasks().size());
            return new SubmitReply(runId, List.of());
        });
    }

    public Optional<RunView> run(String runId) {
        return ask(() -> Optional.ofNullable(runs.get(runId)).map(RunState::view));
    }

    public List<RunView> runs() {
        return ask(() -> runs.values().stream().map(RunState::view)
                .sorted(Comparator.comparing(RunView::submittedAt).reversed()).toList());
    }

    public List<TaskView> tasks(String runId) {
        return ask(() -> {
            RunState run = runs.get(runId);
            if (run == null) {
                return List.of();
            }
            return run.taskKeys.stream().map(tasks::get).map(this::view).toList();
        });
    }

    public List<TaskResult> results(String runId, long afterSeq, int limit) {
        List<Long> seqs = ask(() -> {
            RunState run = runs.get(runId);
            return run == null ? List.<Long>of() : run.seqsAfter(afterSeq, Math.max(1, Math.min(limit, 10_000)));
        });
        return seqs.isEmpty() ? List.of() : store.loadResults(seqs);
    }

    private TaskView view(TaskRecord t) {
        String reason = t.state() == TaskState.QUEUED ? scheduler.waitingReason(t).orElse(null) : null;
        return new TaskView(t.spec().id(), t.spec().name(), t.state(), t.attempts(), t.spec().priority(), t.nodeId(),
                t.hwClass(), reason);
    }

    private void recover() {
        for (RunRecord r : store.loadRuns()) {
            runs.put(r.runId(), new RunState(r));
        }
        List<TaskRecord> stored = new ArrayList<>(store.loadTasks());
        stored.sort(Comparator.comparingLong(TaskRecord::order));
        for (TaskRecord t : stored) {
            RunState run = runs.get(t.runId());
            if (run == null) {
                LOG.warn("task {} belongs to no known run; ignored", t.key());
                continue;
            }
            nextOrder = Math.max(nextOrder, t.order() + 1);
            if (t.state() == TaskState.RUNNING) {
                // Its attempt had the old coordinator as master and was cancelled with it: run it again.
                t = t.moveTo(TaskState.QUEUED);
                writer.task(t);
            }
            if (t.state() == TaskState.QUEUED) {
                scheduler.enqueue(t);
            }
            tasks.put(t.key(), t);
            run.taskKeys.add(t.key());
            run.count(null, t.state());
        }
        store.loadResultIndex().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            RunState run = runs.get(e.getValue());
            if (run != null) {
                run.resultSeqs.add(e.getKey());
            }
        });
        if (!runs.isEmpty()) {
            LOG.info("coordinator recovered {} runs, {} tasks, {} queued", runs.size(), tasks.size(), scheduler.queued());
        }
    }

    private void scheduleRound() {
        if (scheduler.queued() == 0) {
            return;
        }
        List<Assignment> assignments = scheduler.schedule(topology.liveWorkers(), busy);
        if (assignments.isEmpty()) {
            return;
        }
        List<Assignment> started = new ArrayList<>(assignments.size());
        for (Assignment a : assignments) {
            TaskRecord running = a.task().startOn(a.nodeId());
            tasks.put(running.key(), running);
            unrecordedStarts.add(running);
            runs.get(running.runId()).count(TaskState.QUEUED, TaskState.RUNNING);
            started.add(new Assignment(running, a.nodeId(), a.eligibleNodeIds()));
        }
        for (Assignment a : started) {
            String key = a.task().key();
            int attempt = a.task().attempts();
            String node = a.nodeId();
            dispatcher.dispatch(a, reply -> inbox.add(() -> complete(key, attempt, node, reply)));
        }
    }

    /**
     * Stores RUNNING for attempts that have run a while. A short attempt ends before that and is
     * stored once, with its final state: for short tasks the RUNNING write was half of all task
     * writes. The cost: if the coordinator dies within {@link #RECORD_START_AFTER_MS} of a start,
     * that attempt is not on record (it is run again, as every unfinished attempt is then).
     */
    private void recordLongRunningStarts() {
        Instant cutoff = Instant.now().minusMillis(RECORD_START_AFTER_MS);
        while (!unrecordedStarts.isEmpty() && unrecordedStarts.peek().updatedAt().isBefore(cutoff)) {
            TaskRecord started = unrecordedStarts.poll();
            if (tasks.get(started.key()) == started) {
                writer.task(started);
            }
        }
    }

    private void complete(String key, int attempt, String assignedNode, JobReply reply) {
        busy.computeIfPresent(assignedNode, (n, c) -> c > 1 ? c - 1 : null);
        TaskRecord task = tasks.get(key);
        if (task == null || task.state() != TaskState.RUNNING || task.attempts() != attempt) {
            LOG.warn("stale report for {} attempt {} ignored", key, attempt);
            return;
        }
        AttemptOutcome outcome = reply.outcome();
        TaskState next = AttemptPolicy.next(task, outcome);
        TaskRecord ended = task.ranOn(reply.nodeId(), reply.hwClass()).moveTo(next);
        RunState run = runs.get(task.runId());
        TaskSpec spec = task.spec();
        writer.result(new TaskResult(store.nextSeq(), task.runId(), task.suite(), spec.id(), spec.name(),
                spec.params(), attempt, next.isFinal(), outcome.status(), outcome.startedAt(), outcome.endedAt(),
                reply.nodeId(), reply.hwClass(), outcome.exitCode(), outcome.metrics(), outcome.stdoutTail(),
                outcome.stderrTail(), outcome.error(), outcome.category(), null));
        tasks.put(key, ended);
        writer.task(ended);
        run.count(TaskState.RUNNING, next);
        if (next == TaskState.QUEUED) {
            scheduler.enqueue(ended);
        } else if (run.allFinal() && run.record.endedAt() == null) {
            run.record = run.record.ended(Instant.now());
            writer.run(run.record);
            LOG.info("run {} ended: {}", run.record.runId(), run.view().counts());
        }
    }

    private <T> T ask(Supplier<T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        inbox.add(() -> {
            try {
                writer.storeAll();
                answer.complete(query.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the coordinator", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("coordinator failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("coordinator did not answer within 60 s", e);
        }
    }

    private Set<String> liveIds() {
        Set<String> ids = new HashSet<>();
        topology.liveWorkers().forEach(w -> ids.add(w.nodeId()));
        return ids;
    }

    static List<String> validate(Suite suite) {
        List<String> errors = new ArrayList<>();
        if (suite == null || suite.name() == null || suite.name().isBlank()) {
            errors.add("suite: a name is required");
            return errors;
        }
        if (suite.name().length() > MAX_NAME) {
            errors.add("suite: the name is " + suite.name().length() + " characters long; at most " + MAX_NAME);
            return errors;
        }
        if (suite.tasks().isEmpty()) {
            errors.add("suite '" + suite.name() + "': tasks: at least one task is required");
        }
        if (suite.tasks().size() > SuiteLimits.MAX_TASKS) {
            errors.add("suite '" + suite.name() + "': " + suite.tasks().size() + " tasks, more than the limit of "
                    + SuiteLimits.MAX_TASKS + "; split it into several suites");
            return errors;
        }
        Set<String> ids = new HashSet<>();
        for (TaskSpec t : suite.tasks()) {
            if (t == null || t.id() == null || t.action() == null || t.timeout() == null) {
                errors.add("task '" + (t == null ? null : t.id()) + "': id, action and timeout are required");
            } else if (t.timeout().isNegative() || t.timeout().isZero() || t.retries() < 0
                    || t.retries() > SuiteLimits.MAX_RETRIES) {
                errors.add("task '" + t.id() + "': timeout must be positive and retries between 0 and "
                        + SuiteLimits.MAX_RETRIES);
            } else if (!ids.add(t.id())) {
                errors.add("task '" + t.id() + "': id appears twice; task ids must be unique in a suite");
            }
        }
        return errors;
    }

    private static String newRunId(String suite) {
        String prefix = suite.replaceAll("[^A-Za-z0-9_.-]", "-");
        return prefix + "-" + RUN_STAMP.format(Instant.now()) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
