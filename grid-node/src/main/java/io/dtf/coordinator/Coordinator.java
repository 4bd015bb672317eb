package io.dtf.coordinator;

import io.dtf.audit.AuditLog;
import io.dtf.client.CoordinatorApi;
import io.dtf.model.Alert;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.CancelReply;
import io.dtf.model.FailureCategory;
import io.dtf.model.ResultSignature;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.model.WorkerView;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
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
 * <p>Failure: an attempt that ends badly goes through {@link AttemptPolicy}, which retries it
 * (elsewhere, after a backoff, for failures of the machine) or ends the task; a worker that fails
 * task after task is quarantined. A new coordinator (its predecessor's node died) claims a newer
 * epoch, rebuilds from the store, and asks the workers what they run before it starts anything:
 * attempts still running are adopted, attempts that finished unreported are completed, and only
 * attempts no worker knows are run again. A coordinator whose epoch was overtaken stops, and
 * forwards replies still reaching it to its successor.
 *
 * <p>Ignite stays outside: state goes through {@link CoordinatorStore}, attempts through
 * {@link Dispatcher}, workers come from {@link Topology}.
 */
public final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final CoordinatorSettings settings;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final CoordinatorStore store;
    private final Dispatcher dispatcher;
    private final Topology topology;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final Scheduler scheduler;
    private final Map<String, TaskRecord> tasks = new HashMap<>();
    private final Map<String, RunState> runs = new HashMap<>();
    private final Map<String, Integer> busy = new HashMap<>();
    private final StateWriter writer;
    /** Started attempts whose RUNNING state is not stored yet, oldest first. */
    private final ArrayDeque<TaskRecord> unrecordedStarts = new ArrayDeque<>();
    /** Running tasks with no compute future on this coordinator: adopted from a predecessor. */
    private final Set<String> untracked = new HashSet<>();
    private final WorkerHealth health;
    private final CoordinatorAudit audit;
    private final Cancels cancels;
    private final Consumer<JobReply> successor;
    private final ReplyCheck replyCheck;
    private long forgetCheckedAt;
    private List<WorkerNode> lastWorkers;
    private long epoch;
    private long fenceCheckedAt;
    private long nextOrder;
    /** The thread that started this coordinator and steps it; queries asked on it are answered at once. */
    private volatile Thread loopThread;
    private volatile boolean stopped;
    private volatile boolean fenced;

    /**
     * @param successor where replies go once this coordinator has been replaced (they still reach it
     *                  for attempts it started)
     */
    public Coordinator(CoordinatorStore store, Dispatcher dispatcher, Topology topology,
                       Consumer<JobReply> successor) {
        this(store, dispatcher, topology, successor, null);
    }

    /** @param runRetention how long an ended run stays known (and in the caches); null for ever */
    public Coordinator(CoordinatorStore store, Dispatcher dispatcher, Topology topology,
                       Consumer<JobReply> successor, Duration runRetention) {
        this(store, dispatcher, topology, successor, runRetention, AuditLog.toLogFile(), ReplyCheck.ACCEPT_ALL);
    }

    /**
     * @param audit      where submissions, cancellations, releases and quarantines are recorded
     * @param replyCheck what a worker's reply must pass before it becomes a result (its signature);
     *                   a reply that fails is counted and alerted, and its attempt ends as an
     *                   infrastructure error that says why
     */
    public Coordinator(CoordinatorStore store, Dispatcher dispatcher, Topology topology,
                       Consumer<JobReply> successor, Duration runRetention, AuditLog audit, ReplyCheck replyCheck) {
        this(store, dispatcher, topology, successor, CoordinatorSettings.defaults().withRunRetention(runRetention),
                CoordinatorRuntime.system(), (suite, spec, hwClass) -> 1, audit, replyCheck);
    }

    /**
     * @param settings   every setting of the coordinator
     * @param runtime    its clock, random source and write thread
     * @param estimates  how long tasks are expected to take, for placement
     */
    public Coordinator(CoordinatorStore store, Dispatcher dispatcher, Topology topology,
                       Consumer<JobReply> successor, CoordinatorSettings settings, CoordinatorRuntime runtime,
                       DurationEstimates estimates, AuditLog audit, ReplyCheck replyCheck) {
        this.settings = settings;
        this.clock = runtime.clock();
        this.random = runtime.random();
        this.scheduler = new Scheduler(settings.placement(), estimates, settings.ageingInterval());
        this.audit = new CoordinatorAudit(audit);
        this.replyCheck = replyCheck;
        this.store = store;
        this.dispatcher = dispatcher;
        this.topology = topology;
        this.successor = successor;
        this.health = new WorkerHealth(store, this.audit);
        this.cancels = new Cancels(dispatcher);
        this.writer = new StateWriter(store, runtime.writes(), () -> store.currentEpoch() == epoch,
                new StateWriter.Owner() {
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
                RunState run = runs.get(r.runId());
                return run != null && run.record == r;
            }
        });
    }

    /**
     * Runs the event loop until {@link #stop()}, or until a newer coordinator takes over
     * ({@link #overtaken()}); rebuilds state from the store first.
     */
    public void run() {
        start();
        while (!stopped) {
            try {
                Runnable event = inbox.poll(settings.idleTick().toMillis(), TimeUnit.MILLISECONDS);
                if (event != null) {
                    event.run();
                }
                if (!step(clock.instant())) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A store outage (data nodes restarting) must not kill the loop: dirty state stays and is retried.
                LOG.warn("coordinator loop turn failed; retrying", e);
                sleepQuietly(settings.idleTick().toMillis());
            }
        }
    }

    /**
     * Takes charge: claims a newer epoch and rebuilds state from the store. The calling thread is
     * then the loop's: it alone calls {@link #step}.
     */
    public void start() {
        loopThread = Thread.currentThread();
        epoch = store.claimEpoch();
        LOG.info("coordinator epoch {} starting on this node", epoch);
        recover();
    }

    /**
     * One turn of the loop at time {@code now}: handles the events that arrived (replies, API
     * calls), expires silent attempts, schedules, and hands the turn's writes to the store. A
     * simulation calls it with its virtual time. Returns false once a newer coordinator took over:
     * this one must stop.
     */
    public boolean step(Instant now) {
        Runnable event;
        for (int i = 0; i < 10_000 && (event = inbox.poll()) != null; i++) {
            event.run();
        }
        if (overtaken()) {
            return false;
        }
        expireSilentAttempts(now);
        scheduleRound(now);
        cancels.resend(tasks::get, epoch, now.toEpochMilli());
        recordLongRunningStarts();
        writer.flush();
        writer.settleFinished();
        forgetEndedRuns(now);
        return true;
    }

    public void stop() {
        stopped = true;
        inbox.add(() -> { });
        writer.shutdown();
    }

    /**
     * Wakes the loop so it schedules against the new topology at once. An adopted attempt whose
     * node left fails here: no compute future will tell.
     */
    public void topologyChanged() {
        inbox.add(() -> {
            Set<String> live = liveIds();
            busy.keySet().retainAll(live);
            for (String key : List.copyOf(untracked)) {
                TaskRecord t = tasks.get(key);
                if (t != null && !live.contains(t.nodeId())) {
                    complete(key, t.attemptId(), t.nodeId(), lost(t, FailureCategory.NODE_LEFT,
                            "node " + t.nodeId() + " left the grid while it ran the attempt"));
                }
            }
        });
    }

    /** An attempt's reply that came another way than its compute future (its master died). */
    public void report(JobReply reply) {
        Optional<String> refused = replyCheck.refusal(reply);
        inbox.add(() -> {
            if (refused.isPresent()) {
                // Counted, and nothing more: anyone who reaches the service could end attempts otherwise.
                // The attempt's own worker still reports, or its silence expires it.
                refuse(reply, refused.get());
                return;
            }
            TaskRecord t = tasks.get(reply.taskKey());
            if (t == null || t.state().isFinal()) {
                return;
            }
            if (t.state() == TaskState.RUNNING && t.attemptId().equals(reply.attemptId())
                    && !String.valueOf(reply.nodeId()).equals(t.nodeId())) {
                // Signed, but by a node that does not run this attempt: not its report to make.
                refuse(reply, "node " + reply.nodeId() + " reported attempt " + reply.attemptId() + ", which runs on"
                        + " node " + t.nodeId());
                return;
            }
            // Only an attempt a predecessor started can be adopted; this coordinator knows its own.
            if (t.state() == TaskState.QUEUED && attemptNumber(reply.attemptId()) > t.attempts()
                    && attemptEpoch(reply.attemptId()) < epoch) {
                t = adopt(t, reply.nodeId(), reply.attemptId());
            }
            complete(t.key(), reply.attemptId(), t.nodeId(), reply);
        });
    }

    /** The live workers with their load and quarantine. */
    public List<WorkerView> workers() {
        return ask(() -> health.views(topology.liveWorkers(), busy, clock.instant()));
    }

    /** Ends a worker's quarantine; answers what happened, for the operator. */
    public String release(String nodeId) {
        return release(nodeId, AuditLog.ANONYMOUS);
    }

    /** As {@link #release(String)}, asked by {@code subject} (recorded in the audit log). */
    public String release(String nodeId, String subject) {
        return ask(() -> health.release(nodeId, subject, clock.instant()));
    }

    /** Recent alerts, oldest first. */
    public List<Alert> alerts() {
        return ask(health::alerts);
    }

    public SubmitReply submit(Suite suite) {
        return submit(suite, null);
    }

    /**
     * Admits {@code suite} as a run owned by {@code owner} (a token's subject; null when security is
     * off): the submission and its outcome go to the audit log.
     */
    public SubmitReply submit(Suite suite, String owner) {
        SubmitReply reply = admit(suite, owner);
        audit.submitted(owner == null ? AuditLog.ANONYMOUS : owner, suite, reply);
        return reply;
    }

    private SubmitReply admit(Suite suite, String owner) {
        List<String> errors = SuiteAdmission.validate(suite);
        if (!errors.isEmpty()) {
            return new SubmitReply(null, errors);
        }
        // Read outside the loop: the data nodes' answer takes a round trip.
        CapacityCheck.Footprint need = CapacityCheck.footprint(suite);
        Optional<GridCapacity> grid = store.capacity();
        String runId = SuiteAdmission.newRunId(suite.name());
        return ask(() -> {
            Optional<String> refused = CapacityCheck.refusal(suite, need, grid, tasks.size(),
                    Runtime.getRuntime().maxMemory());
            if (refused.isPresent()) {
                LOG.warn("run refused: {}", refused.get());
                return new SubmitReply(null, List.of(refused.get()));
            }
            health.remember(topology.liveWorkers());
            List<String> warnings = UnadvertisedRequirements.warnings(suite, health.seen());
            RunState run = new RunState(new RunRecord(runId, suite.name(), clock.instant(), suite.tasks().size(), null,
                    null, owner));
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
            return new SubmitReply(runId, List.of(), warnings);
        });
    }

    /**
     * Cancels run {@code runId}, or only its task {@code taskId} when that is not null: waiting tasks
     * end CANCELLED at once, running attempts are stopped on their workers and end CANCELLED when
     * they report. The request is stored before any worker hears of it, so a coordinator that was
     * replaced stops nothing, and a new one finishes what its predecessor began. Idempotent.
     */
    public CancelReply cancel(String runId, String taskId) {
        return cancel(runId, taskId, AuditLog.ANONYMOUS);
    }

    /** As {@link #cancel(String, String)}, asked by {@code subject}: the request and its outcome go to the audit log. */
    public CancelReply cancel(String runId, String taskId, String subject) {
        CancelReply reply = cancelNow(runId, taskId);
        audit.cancelled(subject, runId, taskId, reply);
        return reply;
    }

    private CancelReply cancelNow(String runId, String taskId) {
        return ask(() -> {
            RunState run = runs.get(runId);
            String refused = Cancels.refusal(runId, run, taskId, tasks::get);
            if (refused != null) {
                return CancelReply.refused(runId, refused);
            }
            Cancels.Plan plan = Cancels.plan(run, taskId, tasks::get);
            if (plan.changesSomething()) {
                run.record = run.record.cancelled(Cancellation.add(run.record.cancellation(), taskId, clock.instant()));
                writer.run(run.record);
                plan.queued().forEach(this::cancelQueued);
                writer.storeAll();
                long now = clock.millis();
                plan.running().forEach(t -> cancels.stop(t, epoch, now));
                LOG.info("run {}{} cancelled: {} waiting task(s) dequeued, {} running attempt(s) being stopped", runId,
                        taskId == null ? "" : " task " + taskId, plan.queued().size(), plan.running().size());
            }
            return plan.reply(runId);
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

    /**
     * Why each of the named tasks of run {@code runId} waits: task id -> reason, for those that are
     * QUEUED and whose reason the scheduler can tell (the rest, and unknown ids, are left out).
     */
    public Map<String, String> waiting(String runId, Collection<String> taskIds) {
        return ask(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (String taskId : taskIds) {
                TaskRecord t = tasks.get(TaskRecord.key(runId, taskId));
                if (t != null && t.state() == TaskState.QUEUED) {
                    scheduler.waitingReason(t).ifPresent(reason -> out.put(taskId, reason));
                }
            }
            return out;
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
                // Its attempt may outlive the old coordinator (jobs are master-leave aware): reconcile below.
                untracked.add(t.key());
                busy.merge(t.nodeId(), 1, Integer::sum);
                scheduler.running(t, t.nodeId(), t.updatedAt());
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
        health.restore();
        reconcile();
        resumeCancels();
        if (!runs.isEmpty()) {
            LOG.info("coordinator (epoch {}) recovered {} runs, {} tasks, {} queued, {} running", epoch, runs.size(),
                    tasks.size(), scheduler.queued(), untracked.size());
        }
    }

    /**
     * Matches what the workers hold against what the store says runs. Before this, nothing is
     * dispatched: an attempt the dead coordinator started but never stored is adopted rather than
     * started twice.
     */
    private void reconcile() {
        Set<String> confirmed = new HashSet<>();
        for (LiveAttempt a : dispatcher.reconcile(epoch)) {
            TaskRecord t = tasks.get(a.taskKey());
            if (t == null || t.state().isFinal()) {
                continue;
            }
            boolean current = a.attemptId().equals(t.attemptId());
            if (t.state() == TaskState.QUEUED && a.attempt() > t.attempts()) {
                t = adopt(t, a.nodeId(), a.attemptId());
                current = true;
            }
            if (!current) {
                LOG.warn("worker {} holds attempt {} of {}, but the task is {} with attempt {}: left alone", a.nodeId(),
                        a.attemptId(), a.taskKey(), t.state(), t.attemptId());
                continue;
            }
            if (a.finished() != null) {
                Optional<String> refused = replyRefusal(t.key(), t.attemptId(), t.nodeId(), a.finished());
                if (refused.isPresent()) {
                    refuse(a.finished(), refused.get());
                    endRefused(t.key(), t.attemptId(), refused.get());
                } else {
                    complete(t.key(), t.attemptId(), t.nodeId(), a.finished());
                }
            } else {
                confirmed.add(t.key());
            }
        }
        for (String key : List.copyOf(untracked)) {
            TaskRecord t = tasks.get(key);
            if (!confirmed.contains(key) && t != null && t.state() == TaskState.RUNNING) {
                // Neither the task's fault nor the node's: run again, counted against nothing.
                complete(key, t.attemptId(), t.nodeId(), lost(t, FailureCategory.INFRASTRUCTURE,
                        "the attempt was lost with its coordinator: no worker runs it"),
                        AttemptPolicy.lostWithCoordinator(t));
            }
        }
    }

    /** Finishes the cancels a predecessor began: what still waits is dequeued, what runs is stopped. */
    private void resumeCancels() {
        for (RunState run : runs.values()) {
            if (run.record.cancellation() == null || run.record.endedAt() != null) {
                continue;
            }
            for (String key : List.copyOf(run.taskKeys)) {
                TaskRecord t = tasks.get(key);
                if (!run.record.cancels(t.spec().id())) {
                    continue;
                }
                if (t.state() == TaskState.QUEUED) {
                    cancelQueued(t);
                } else if (t.state() == TaskState.RUNNING) {
                    cancels.stopSoon(t);
                }
            }
        }
    }

    private TaskRecord adopt(TaskRecord queued, String nodeId, String attemptId) {
        scheduler.remove(queued.key());
        TaskRecord running = queued.adopt(nodeId, attemptId, attemptNumber(attemptId));
        tasks.put(running.key(), running);
        runs.get(running.runId()).count(TaskState.QUEUED, TaskState.RUNNING);
        untracked.add(running.key());
        busy.merge(nodeId, 1, Integer::sum);
        scheduler.running(running, nodeId, running.updatedAt());
        writer.task(running);
        LOG.info("adopted attempt {} of {} running on {}", attemptId, running.key(), nodeId);
        return running;
    }

    /** Fails adopted attempts that stayed silent far past their timeout (their reply was lost). */
    private void expireSilentAttempts(Instant now) {
        for (String key : List.copyOf(untracked)) {
            TaskRecord t = tasks.get(key);
            if (t != null && t.updatedAt().plus(t.spec().timeout()).plus(settings.reportGrace()).isBefore(now)) {
                complete(key, t.attemptId(), t.nodeId(), lost(t, FailureCategory.INFRASTRUCTURE,
                        "no report from node " + t.nodeId() + " within the task's timeout"));
            }
        }
    }

    /** Whether a newer coordinator took over; checked now and then, since it costs a round trip. */
    private boolean overtaken() {
        long now = clock.millis();
        if (now - fenceCheckedAt < settings.fenceCheck().toMillis()) {
            return false;
        }
        fenceCheckedAt = now;
        long current = store.currentEpoch();
        if (current == epoch) {
            return false;
        }
        fenced = true;
        LOG.warn("coordinator epoch {} was overtaken by epoch {}: stopping; replies still arriving go to the new one",
                epoch, current);
        inbox.clear();
        return true;
    }

    private void scheduleRound(Instant now) {
        if (scheduler.queued() == 0) {
            return;
        }
        List<WorkerNode> workers = topology.liveWorkers();
        if (workers != lastWorkers) { // the topology reuses its list until the grid changes
            health.remember(workers);
            lastWorkers = workers;
        }
        Scheduler.Round round = scheduler.schedule(workers, health.quarantined(now), busy, now);
        round.expired().forEach(this::giveUp);
        List<Assignment> started = new ArrayList<>(round.assignments().size());
        for (Assignment a : round.assignments()) {
            TaskRecord running = a.task().startOn(a.nodeId(), epoch);
            tasks.put(running.key(), running);
            unrecordedStarts.add(running);
            runs.get(running.runId()).count(TaskState.QUEUED, TaskState.RUNNING);
            started.add(new Assignment(running, a.nodeId(), a.fallback()));
        }
        if (started.isEmpty()) {
            return;
        }
        dispatcher.dispatch(started, epoch, (a, reply) -> {
            if (fenced) {
                successor.accept(reply);
                return;
            }
            String key = a.task().key();
            String attemptId = a.task().attemptId();
            // Checked here, off the loop: a signature check costs a millisecond.
            Optional<String> refused = replyRefusal(key, attemptId, a.nodeId(), reply);
            inbox.add(() -> {
                if (refused.isPresent()) {
                    refuse(reply, refused.get());
                    endRefused(key, attemptId, refused.get());
                } else {
                    complete(key, attemptId, a.nodeId(), reply);
                }
            });
        });
    }

    /**
     * Forgets runs that ended more than the run retention ago: out of memory and out of the caches
     * (their results stay until replicated and retained). Once a second at most, and only after
     * every write so far is stored, so that no late write brings an entry back.
     */
    private void forgetEndedRuns(Instant now) {
        Duration runRetention = settings.runRetention();
        if (runRetention == null || clock.millis() - forgetCheckedAt < 1_000) {
            return;
        }
        forgetCheckedAt = clock.millis();
        List<RunState> due = EndedRuns.due(runs.values(), now, runRetention);
        if (due.isEmpty()) {
            return;
        }
        writer.storeAll();
        List<String> runIds = new ArrayList<>();
        List<String> taskKeys = new ArrayList<>();
        for (RunState run : due) {
            runIds.add(run.record.runId());
            taskKeys.addAll(run.taskKeys);
        }
        store.forgetRuns(runIds, taskKeys);
        runIds.forEach(runs::remove);
        taskKeys.forEach(tasks::remove);
        LOG.info("forgot {} runs ({} tasks) that ended more than {} ago", runIds.size(), taskKeys.size(), runRetention);
    }

    /** A retry that waited for a matching node until its deadline: the task ends as ERROR. */
    private void giveUp(TaskRecord task) {
        TaskRecord ended = task.moveTo(TaskState.ERROR);
        tasks.put(ended.key(), ended);
        String reason = "no live worker met the task's requirements before the retry's deadline "
                + task.retry().waitUntil() + " (it waited after its attempt " + task.attempts() + " failed)";
        TaskSpec spec = task.spec();
        Instant now = clock.instant();
        writer.result(new TaskResult(store.nextSeq(), task.runId(), task.suite(), spec.id(), spec.name(),
                spec.params(), task.attempts(), true, TaskState.ERROR, now, now, null, null, null, List.of(), "", "",
                reason, FailureCategory.INFRASTRUCTURE, "final: gave up waiting for a matching node"));
        writer.task(ended);
        writer.ended(ended.key());
        finishTask(runs.get(task.runId()), TaskState.QUEUED, TaskState.ERROR);
    }

    /** A waiting task that was cancelled: it leaves the queue and ends CANCELLED, with a result saying so. */
    private void cancelQueued(TaskRecord task) {
        scheduler.remove(task.key());
        TaskRecord ended = task.moveTo(TaskState.CANCELLED);
        tasks.put(ended.key(), ended);
        TaskSpec spec = task.spec();
        Instant now = clock.instant();
        String reason = task.attempts() == 0 ? "cancelled before it started"
                : "cancelled while it waited to run again after attempt " + task.attempts();
        writer.result(new TaskResult(store.nextSeq(), task.runId(), task.suite(), spec.id(), spec.name(),
                spec.params(), task.attempts(), true, TaskState.CANCELLED, now, now, null, null, null, List.of(), "",
                "", reason, null, Cancels.DECISION));
        writer.task(ended);
        writer.ended(ended.key());
        finishTask(runs.get(task.runId()), TaskState.QUEUED, TaskState.CANCELLED);
    }

    /**
     * Stores RUNNING for attempts that have run a while. A short attempt ends before that and is
     * stored once, with its final state: for short tasks the RUNNING write was half of all task
     * writes. The cost: if the coordinator dies within {@link CoordinatorSettings#recordStartAfter()} of a start,
     * that attempt is not on record (it is run again, as every unfinished attempt is then).
     */
    private void recordLongRunningStarts() {
        Instant cutoff = clock.instant().minus(settings.recordStartAfter());
        while (!unrecordedStarts.isEmpty() && unrecordedStarts.peek().updatedAt().isBefore(cutoff)) {
            TaskRecord started = unrecordedStarts.poll();
            if (tasks.get(started.key()) == started) {
                writer.task(started);
            }
        }
    }

    private void complete(String key, String attemptId, String assignedNode, JobReply reply) {
        complete(key, attemptId, assignedNode, reply, null);
    }

    /** @param given  the decision, when it is not the policy's to make (and the node is not to blame) */
    private void complete(String key, String attemptId, String assignedNode, JobReply reply,
                          AttemptPolicy.Decision given) {
        TaskRecord task = tasks.get(key);
        if (task == null || task.state() != TaskState.RUNNING || !attemptId.equals(task.attemptId())) {
            LOG.warn("stale report for {} attempt {} ignored", key, attemptId);
            return;
        }
        busy.computeIfPresent(assignedNode, (n, c) -> c > 1 ? c - 1 : null);
        scheduler.ended(key, attemptId, clock.instant());
        untracked.remove(key);
        AttemptOutcome outcome = reply.outcome();
        Instant now = clock.instant();
        // A cancelled task's attempt that did not pass ends it, whatever the policy would retry.
        boolean cancelled = !outcome.status().isSuccess() && runs.get(task.runId()).record.cancels(task.spec().id());
        AttemptPolicy.Decision decision = cancelled ? Cancels.decision(task) : given != null ? given
                : AttemptPolicy.decide(task, outcome, health.attributes(reply.nodeId()), now,
                        random.nextDouble());
        TaskState next = decision.next();
        TaskRecord ended = task.ranOn(reply.nodeId(), reply.hwClass()).moveTo(next).withRetry(decision.retry());
        TaskSpec spec = task.spec();
        // The final row carries the task's verdict (FLAKY rather than the last attempt's PASSED).
        TaskState status = next.isFinal() ? next : outcome.status();
        writer.result(new TaskResult(store.nextSeq(), task.runId(), task.suite(), spec.id(), spec.name(),
                spec.params(), task.attempts(), next.isFinal(), status, outcome.startedAt(), outcome.endedAt(),
                reply.nodeId(), reply.hwClass(), outcome.exitCode(), outcome.metrics(), outcome.stdoutTail(),
                outcome.stderrTail(), outcome.error(), outcome.category(), decision.decision(),
                ResultSignature.of(reply.attemptId(), outcome.status(), reply.signature()), outcome.tests()));
        tasks.put(key, ended);
        writer.task(ended);
        if (given == null && !cancelled) {
            health.record(reply.nodeId(), key, outcome, now);
        }
        if (next == TaskState.QUEUED) {
            runs.get(task.runId()).count(TaskState.RUNNING, next);
            scheduler.enqueue(ended);
        } else {
            writer.ended(key);
            finishTask(runs.get(task.runId()), TaskState.RUNNING, next);
        }
    }

    private void finishTask(RunState run, TaskState from, TaskState to) {
        run.count(from, to);
        if (run.allFinal() && run.record.endedAt() == null) {
            run.record = run.record.ended(clock.instant());
            writer.run(run.record);
            LOG.info("run {} ended: {}", run.record.runId(), run.view().counts());
        }
    }

    /**
     * Why a reply to the attempt {@code attemptId} of {@code key} sent to {@code node} must not be
     * stored: it answers another attempt (a signed report replayed), or fails the reply check.
     */
    private Optional<String> replyRefusal(String key, String attemptId, String node, JobReply reply) {
        if (!key.equals(reply.taskKey()) || !attemptId.equals(reply.attemptId())
                || !node.equals(reply.nodeId())) {
            return Optional.of("the reply is for attempt " + reply.attemptId() + " of " + reply.taskKey() + " on node "
                    + reply.nodeId() + ", not for attempt " + attemptId + " of " + key + " sent to node " + node);
        }
        return replyCheck.refusal(reply);
    }

    /** A worker's reply that failed its check: counted and alerted against the node it names, never stored. */
    private void refuse(JobReply reply, String reason) {
        health.refused(String.valueOf(reply.nodeId()), "report for attempt " + reply.attemptId() + " of "
                + reply.taskKey() + " refused: " + reason);
        replyCheck.refused(reply, reason);
    }

    /**
     * The attempt a refused reply came back for, by its own compute future or a reconcile (no
     * other reply follows), ends as an infrastructure error that says why: it runs again
     * elsewhere, and a node that keeps doing it is quarantined.
     */
    private void endRefused(String key, String attemptId, String reason) {
        TaskRecord t = tasks.get(key);
        if (t != null && t.state() == TaskState.RUNNING && t.attemptId().equals(attemptId)) {
            complete(key, attemptId, t.nodeId(), lost(t, FailureCategory.INFRASTRUCTURE,
                    "the worker's report was refused: " + reason));
        }
    }

    /** The reply for an attempt that cannot answer for itself. */
    private static JobReply lost(TaskRecord t, FailureCategory category, String reason) {
        return new JobReply(t.key(), t.attemptId(), t.nodeId(), t.hwClass(),
                AttemptOutcome.error(t.updatedAt(), category, reason));
    }

    /** The coordinator epoch that started an attempt, from its id {@code <epoch>:<attempt>}; -1 when unreadable. */
    static long attemptEpoch(String attemptId) {
        int colon = attemptId == null ? -1 : attemptId.indexOf(':');
        try {
            return colon < 0 ? -1 : Long.parseLong(attemptId.substring(0, colon));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static int attemptNumber(String attemptId) {
        int colon = attemptId == null ? -1 : attemptId.indexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(attemptId.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Runs {@code query} on the loop and waits for its answer. When this instance stops before the
     * loop took the query up, the query is withdrawn, so the caller's "moving; try again" is true:
     * nothing was done, and calling the next instance cannot do it twice.
     */
    private <T> T ask(Supplier<T> query) {
        if (Thread.currentThread() == loopThread) { // a simulation, stepping the loop itself
            writer.storeAll();
            return query.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        AtomicBoolean taken = new AtomicBoolean();
        inbox.add(() -> {
            if (!taken.compareAndSet(false, true)) {
                return; // withdrawn by the caller
            }
            try {
                writer.storeAll();
                answer.complete(query.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    return answer.get(settings.idleTick().toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if ((stopped || fenced) && taken.compareAndSet(false, true)) {
                        throw new IllegalStateException(CoordinatorApi.MOVING);
                    }
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                }
            }
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

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
