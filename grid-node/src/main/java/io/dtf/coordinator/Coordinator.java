package io.dtf.coordinator;

import io.dtf.audit.AuditLog;
import io.dtf.model.Alert;
import io.dtf.model.CancelReply;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.model.WorkerView;
import io.dtf.protocol.JobReply;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator: accepts runs, schedules their tasks onto workers, turns attempt outcomes into
 * results and task states. This class is its public face (the API and the loop's entry points) and
 * its wiring; the parts are {@link CoordinatorLoop} (the event loop and its fence), {@link TaskTable}
 * and {@link RunTable} (state, changed in one place each), {@link Rounds} (scheduling and dispatch),
 * {@link AttemptEnds} (what an ended attempt means) and {@link Recovery} (taking over).
 *
 * <p>One loop thread owns all state, so there are no locks: API calls from other threads are posted
 * to the loop and answered from it; on the loop thread (a simulation stepping it) they are answered
 * at once. Writes to the store are batched once per loop turn and applied in order by the runtime's
 * write executor, results before task states; a query is answered only once every write so far is
 * stored, so a task seen as ended always has its result stored.
 *
 * <p>Ignite stays outside: state goes through {@link CoordinatorStore}, attempts through
 * {@link Dispatcher}, workers come from {@link Topology}; time, randomness and the write thread
 * come from {@link CoordinatorRuntime}.
 */
public final class Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final CoordinatorSettings settings;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final CoordinatorStore store;
    private final Topology topology;
    private final Scheduler scheduler;
    private final CoordinatorLoop loop;
    private final RunTable runs;
    private final TaskTable tasks;
    private final StateWriter writer;
    private final WorkerHealth health;
    private final CoordinatorAudit audit;
    private final Cancels cancels;
    private final ReplyCheck replyCheck;
    private final AttemptEnds ends;
    private final Rounds rounds;
    private final Recovery recovery;
    private final RunRetention retention;
    private final RunChanges changes = new RunChanges();

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
        this(store, dispatcher, topology, successor, settings, runtime, audit, replyCheck,
                new Scheduler(settings.placement(), estimates, settings.ageingInterval()), null);
    }

    /**
     * With {@code scheduler} as given, and its rounds planned by {@code planner} (null: the
     * scheduler itself): for tests of how the coordinator carries out a scheduler's decisions.
     */
    Coordinator(CoordinatorStore store, Dispatcher dispatcher, Topology topology, Consumer<JobReply> successor,
                CoordinatorSettings settings, CoordinatorRuntime runtime, AuditLog audit, ReplyCheck replyCheck,
                Scheduler scheduler, Rounds.Planner planner) {
        this.settings = settings;
        this.clock = runtime.clock();
        this.random = runtime.random();
        this.store = store;
        this.topology = topology;
        this.replyCheck = replyCheck;
        this.scheduler = scheduler;
        this.audit = new CoordinatorAudit(audit, clock);
        this.loop = new CoordinatorLoop(store, settings, clock);
        this.health = new WorkerHealth(store, this.audit, settings, clock);
        this.cancels = new Cancels(dispatcher, settings);
        this.runs = new RunTable(clock);
        this.tasks = new TaskTable(runs, scheduler, clock);
        this.writer = new StateWriter(store, runtime.writes(), settings.maxPendingWrites(),
                () -> store.currentEpoch() == loop.epoch(), new StateWriter.Owner() {
            @Override
            public void indexed(TaskResult r, boolean stored) {
                RunState run = runs.get(r.runId());
                if (run == null) {
                    return; // forgotten meanwhile
                }
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
                return run != null && run.record() == r;
            }

            @Override
            public void stored(List<TaskResult> results, List<TaskRecord> tasks, List<RunRecord> records) {
                Set<String> changed = new HashSet<>();
                results.forEach(r -> changed.add(r.runId()));
                tasks.forEach(t -> changed.add(t.runId()));
                records.forEach(r -> changed.add(r.runId()));
                changes.stored(changed);
            }
        });
        runs.onForget(changes::forget);
        runs.writeThrough(writer);
        tasks.writeThrough(writer);
        this.ends = new AttemptEnds(tasks, runs, health, cancels, store, replyCheck, runtime, loop::epoch, settings);
        this.rounds = new Rounds(scheduler, planner == null ? scheduler::schedule : planner, tasks, ends, health, topology, dispatcher, loop, successor, settings);
        this.retention = new RunRetention(settings, store, writer, runs, tasks);
        this.recovery = new Recovery(store, dispatcher, runs, tasks, ends, cancels, health, scheduler, clock,
                loop::epoch);
    }

    /**
     * Runs the event loop until {@link #stop()}, or until a newer coordinator takes over; rebuilds
     * state from the store first.
     */
    public void run() {
        loop.run(this::start, this::step);
    }

    /**
     * Takes charge: claims a newer epoch and rebuilds state from the store. The calling thread is
     * then the loop's: it alone calls {@link #step}.
     */
    public void start() {
        changes.begin(loop.claim());
        recovery.recover();
    }

    /**
     * One turn of the loop at time {@code now}: handles the events that arrived (replies, API
     * calls), expires silent attempts, schedules, and hands the turn's writes to the store. A
     * simulation calls it with its virtual time. Returns false once a newer coordinator took over:
     * this one must stop.
     */
    public boolean step(Instant now) {
        loop.drain();
        if (loop.overtaken(now)) {
            return false;
        }
        ends.expireSilent(now);
        rounds.run(now);
        cancels.resend(tasks::isRunning, loop.epoch(), now.toEpochMilli());
        tasks.recordStartsBefore(now.minus(settings.recordStartAfter()));
        writer.flush();
        writer.settleFinished();
        retention.forgetEnded(now);
        return true;
    }

    public void stop() {
        changes.close();
        loop.stop();
        writer.shutdown();
    }

    /**
     * Wakes the loop so it schedules against the new topology at once. An adopted attempt whose
     * node left fails here: no compute future will tell.
     */
    public void topologyChanged() {
        loop.post(() -> {
            Set<String> live = new HashSet<>();
            topology.liveWorkers().forEach(w -> live.add(w.nodeId()));
            tasks.retainNodes(live);
            ends.nodesLeft(live);
        });
    }

    /** An attempt's reply that came another way than its compute future (its master died). */
    public void report(JobReply reply) {
        Optional<String> refused = replyCheck.refusal(reply);
        loop.post(() -> {
            if (refused.isPresent()) {
                // Counted, and nothing more: anyone who reaches the service could end attempts otherwise.
                // The attempt's own worker still reports, or its silence expires it.
                ends.refuse(reply, refused.get());
                return;
            }
            ends.reported(reply);
        });
    }

    /** The live workers with their load and quarantine. */
    public List<WorkerView> workers() {
        return ask(() -> health.views(topology.liveWorkers(), tasks.busy(), clock.instant()));
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
        return ask(() -> {
            Optional<String> refused = CapacityCheck.refusal(suite, need, grid, tasks.size(),
                    Runtime.getRuntime().maxMemory());
            if (refused.isPresent()) {
                LOG.warn("run refused: {}", refused.get());
                return new SubmitReply(null, List.of(refused.get()));
            }
            health.remember(topology.liveWorkers());
            List<String> warnings = UnadvertisedRequirements.warnings(suite, health.seen());
            Instant now = clock.instant();
            String runId = SuiteAdmission.newRunId(suite.name(), now, random);
            runs.add(new RunRecord(runId, suite.name(), now, suite.tasks().size(), null, null, owner));
            for (TaskSpec spec : suite.tasks()) {
                tasks.transition(TaskRecord.queued(runId, suite.name(), recovery.nextOrder(), spec, now),
                        TaskTable.Cause.SUBMITTED, null);
            }
            writer.storeAll(); // a run id handed out is a run stored: the coordinator may die right after replying
            LOG.info("run {} accepted: suite {}, {} tasks", runId, suite.name(), suite.tasks().size());
            return new SubmitReply(runId, List.of(), warnings);
        });
    }

    /**
     * Cancels run {@code runId}, or only its task {@code taskId} when that is not null: waiting tasks
     * end CANCELLED at once, running attempts (a speculative copy too) are stopped on their workers
     * and end CANCELLED when they report. The request is stored before any worker hears of it, so a
     * coordinator that was replaced stops nothing, and a new one finishes what its predecessor
     * began. Idempotent.
     */
    public CancelReply cancel(String runId, String taskId) {
        return cancel(runId, taskId, AuditLog.ANONYMOUS);
    }

    /** As {@link #cancel(String, String)}, asked by {@code subject}: the request and its outcome go to the audit log. */
    public CancelReply cancel(String runId, String taskId, String subject) {
        CancelReply reply = ask(() -> cancelNow(runId, taskId));
        audit.cancelled(subject, runId, taskId, reply);
        return reply;
    }

    private CancelReply cancelNow(String runId, String taskId) {
        RunState run = runs.get(runId);
        String refused = Cancels.refusal(runId, run, taskId, tasks::get);
        if (refused != null) {
            return CancelReply.refused(runId, refused);
        }
        Cancels.Plan plan = Cancels.plan(run, taskId, tasks::get);
        if (plan.changesSomething()) {
            Instant now = clock.instant();
            runs.cancel(run, taskId, now);
            plan.queued().forEach(ends::cancelQueued);
            writer.storeAll();
            List<RunningAttempt> attempts = new ArrayList<>();
            plan.running().forEach(t -> attempts.addAll(tasks.attemptsOf(t)));
            attempts.forEach(a -> cancels.stop(a, loop.epoch(), now.toEpochMilli()));
            LOG.info("run {}{} cancelled: {} waiting task(s) dequeued, {} running attempt(s) being stopped", runId,
                    taskId == null ? "" : " task " + taskId, plan.queued().size(), attempts.size());
        }
        return plan.reply(runId);
    }

    public Optional<RunView> run(String runId) {
        return ask(() -> Optional.ofNullable(runs.get(runId)).map(RunState::view));
    }

    public List<RunView> runs() {
        return ask(() -> runs.all().stream().map(RunState::view)
                .sorted(Comparator.comparing(RunView::submittedAt).reversed()).toList());
    }

    public List<TaskView> tasks(String runId) {
        return ask(() -> {
            RunState run = runs.get(runId);
            return run == null ? List.<TaskView>of() : run.taskKeys.stream().map(tasks::get).map(this::view).toList();
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

    /**
     * Waits until run {@code runId} has a stored change (a result, a task state, the run ended)
     * numbered above {@code knownChange}, at most {@code maxWait}, and answers its latest change
     * number: a client that read the number before reading the run hears of every later change.
     * Numbers of a newer coordinator are higher than any of this one. Costs the loop nothing.
     */
    public long awaitChange(String runId, long knownChange, Duration maxWait) throws InterruptedException {
        return changes.await(runId, knownChange, maxWait.toMillis());
    }

    private TaskView view(TaskRecord t) {
        String reason = t.state() == TaskState.QUEUED ? scheduler.waitingReason(t).orElse(null) : null;
        return new TaskView(t.spec().id(), t.spec().name(), t.state(), t.attempts(), t.spec().priority(), t.nodeId(),
                t.hwClass(), reason);
    }

    private <T> T ask(Supplier<T> query) {
        return loop.ask(query, writer::storeAll);
    }
}
