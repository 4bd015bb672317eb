package io.dtf.coordinator;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import io.dtf.protocol.AttemptId;
import io.dtf.protocol.JobReply;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an ended attempt, or a task that ends without one, means for its task: the decision
 * ({@link AttemptPolicy}, a cancel, a speculative race) and the move it asks of the
 * {@link TaskTable}. Also the attempts that cannot report for themselves: refused replies, nodes
 * that left, silence past the timeout. Confined to the coordinator's loop thread.
 */
final class AttemptEnds {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptEnds.class);

    private final TaskTable table;
    private final RunTable runs;
    private final WorkerHealth health;
    private final Cancels cancels;
    private final CoordinatorStore store;
    private final ReplyCheck replyCheck;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final LongSupplier epoch;
    private final CoordinatorSettings settings;

    AttemptEnds(TaskTable table, RunTable runs, WorkerHealth health, Cancels cancels, CoordinatorStore store,
                ReplyCheck replyCheck, CoordinatorRuntime runtime, LongSupplier epoch, CoordinatorSettings settings) {
        this.table = table;
        this.runs = runs;
        this.health = health;
        this.cancels = cancels;
        this.store = store;
        this.replyCheck = replyCheck;
        this.clock = runtime.clock();
        this.random = runtime.random();
        this.epoch = epoch;
        this.settings = settings;
    }

    void complete(String key, String attemptId, JobReply reply) {
        complete(key, attemptId, reply, null);
    }

    /** @param given  the decision, when it is not the policy's to make (and the node is not to blame) */
    void complete(String key, String attemptId, JobReply reply, AttemptPolicy.Decision given) {
        if (reply.mayHaveCheckpointed()) {
            // Even from a stale or stopped attempt: its checkpoint outlives it, and goes when the task ends.
            table.mayHaveCheckpointed(key);
        }
        TaskTable.Role role = table.roleOf(key, attemptId);
        if (role == null) {
            LOG.warn("stale report for {} attempt {} ignored", key, attemptId);
            return;
        }
        if (role == TaskTable.Role.LOSER) {
            table.loserEnded(key);
            return;
        }
        TaskRecord task = table.get(key);
        Instant now = clock.instant();
        AttemptOutcome outcome = reply.outcome();
        int attempt = number(attemptId, task);
        // A cancelled task's attempt that did not pass ends it, whatever the policy would retry.
        boolean cancelled = !outcome.status().isSuccess() && runs.get(task.runId()).record().cancels(task.spec().id());
        boolean judged = given == null && !cancelled;
        if (table.hasCopy(key)) {
            if (!outcome.status().isSuccess()) {
                // One of two failed: the other may still pass, so the task waits for it instead of retrying.
                table.oneOfTwoEnded(key, role, ResultRows.ofReply(store.nextSeq(), task, attempt, false,
                        cancelled ? TaskState.CANCELLED : outcome.status(), reply,
                        cancelled ? "cancelled by request; the other attempt still runs" : ResultRows.OTHER_RUNS));
                if (judged) {
                    health.record(reply.nodeId(), key, outcome, now);
                }
                return;
            }
            RunningAttempt loser = table.raceWon(key, role);
            stopLoser(table.get(key), loser, now);
            task = table.get(key);
        }
        AttemptPolicy.Decision decision = cancelled ? Cancels.decision(task) : given != null ? given
                : AttemptPolicy.decide(task, outcome, health.attributes(reply.nodeId()), now, random.nextDouble());
        TaskState next = decision.next();
        TaskRecord ended = task.ranOn(reply.nodeId(), reply.hwClass()).moveTo(next, now).withRetry(decision.retry());
        // The final row carries the task's verdict (FLAKY rather than the last attempt's PASSED).
        TaskState status = next.isFinal() ? next : outcome.status();
        table.transition(ended, TaskTable.Cause.ATTEMPT_ENDED, ResultRows.ofReply(store.nextSeq(), task, attempt,
                next.isFinal(), status, reply, decision.decision()));
        if (judged) {
            health.record(reply.nodeId(), key, outcome, now);
        }
    }

    /**
     * A reply that came another way than its attempt's compute future (its master died): for an
     * attempt this coordinator knows, or one a predecessor started for a task still queued here
     * (adopted, then completed). A reply from a node that does not run the attempt is refused.
     */
    void reported(JobReply reply) {
        TaskRecord t = table.get(reply.taskKey());
        if (t == null) {
            return;
        }
        RunningAttempt known = table.find(t.key(), reply.attemptId());
        if (known != null && !String.valueOf(reply.nodeId()).equals(known.nodeId())) {
            // Signed, but by a node that does not run this attempt: not its report to make.
            refuse(reply, "node " + reply.nodeId() + " reported attempt " + reply.attemptId() + ", which runs on node "
                    + known.nodeId());
            return;
        }
        // Only an attempt a predecessor started can be adopted; this coordinator knows its own.
        AttemptId id = AttemptId.parseOrNull(reply.attemptId());
        if (known == null && t.state() == TaskState.QUEUED && id != null && id.number() > t.attempts()
                && id.epoch() < epoch.getAsLong()) {
            table.transition(t.adopt(reply.nodeId(), id, clock.instant()), TaskTable.Cause.ADOPTED, null);
            LOG.info("adopted attempt {} of {} running on {}", id, t.key(), reply.nodeId());
        }
        if (table.isRunning(t.key(), reply.attemptId())) {
            complete(t.key(), reply.attemptId(), reply);
        }
    }

    /** The loser of a race: its row now, a stop to its worker, and its slot held until it reports. */
    private void stopLoser(TaskRecord task, RunningAttempt loser, Instant now) {
        table.recordRow(ResultRows.lostRace(store.nextSeq(), task, loser, now));
        cancels.stop(loser, epoch.getAsLong(), now.toEpochMilli());
        LOG.info("attempt {} of {} lost its speculative race; stopping it on {}", loser.attemptId(), task.key(),
                loser.nodeId());
    }

    /** A retry that waited for a matching node until its deadline: the task ends as ERROR. */
    void giveUp(TaskRecord task) {
        Instant now = clock.instant();
        String reason = "no live worker met the task's requirements before the retry's deadline "
                + task.retry().waitUntil() + " (it waited after its attempt " + task.attempts() + " failed)";
        table.transition(task.moveTo(TaskState.ERROR, now), TaskTable.Cause.DEQUEUED,
                ResultRows.withoutAttempt(store.nextSeq(), task, TaskState.ERROR, now, reason,
                        FailureCategory.INFRASTRUCTURE, "final: gave up waiting for a matching node"));
    }

    /** A waiting task that was cancelled: it leaves the queue and ends CANCELLED, with a result saying so. */
    void cancelQueued(TaskRecord task) {
        Instant now = clock.instant();
        String reason = task.attempts() == 0 ? "cancelled before it started"
                : "cancelled while it waited to run again after attempt " + task.attempts();
        table.transition(task.moveTo(TaskState.CANCELLED, now), TaskTable.Cause.DEQUEUED,
                ResultRows.withoutAttempt(store.nextSeq(), task, TaskState.CANCELLED, now, reason, null,
                        Cancels.DECISION));
    }

    /**
     * Why a reply to the attempt {@code attemptId} of {@code key} sent to {@code node} must not be
     * stored: it answers another attempt (a signed report replayed), or fails the reply check.
     * Called off the loop thread.
     */
    Optional<String> replyRefusal(String key, String attemptId, String node, JobReply reply) {
        if (!key.equals(reply.taskKey()) || !attemptId.equals(reply.attemptId()) || !node.equals(reply.nodeId())) {
            return Optional.of("the reply is for attempt " + reply.attemptId() + " of " + reply.taskKey() + " on node "
                    + reply.nodeId() + ", not for attempt " + attemptId + " of " + key + " sent to node " + node);
        }
        return replyCheck.refusal(reply);
    }

    /** A worker's reply that failed its check: counted and alerted against the node it names, never stored. */
    void refuse(JobReply reply, String reason) {
        health.refused(String.valueOf(reply.nodeId()), "report for attempt " + reply.attemptId() + " of "
                + reply.taskKey() + " refused: " + reason);
        replyCheck.refused(reply, reason);
    }

    /**
     * The attempt a refused reply came back for, by its own compute future or a reconcile (no
     * other reply follows), ends as an infrastructure error that says why: it runs again
     * elsewhere, and a node that keeps doing it is quarantined.
     */
    void endRefused(String key, String attemptId, String reason) {
        RunningAttempt a = table.find(key, attemptId);
        if (a != null) {
            complete(key, attemptId, lost(a, FailureCategory.INFRASTRUCTURE,
                    "the worker's report was refused: " + reason));
        }
    }

    /** Attempts with no compute future here whose node left end here: no future will tell. */
    void nodesLeft(Set<String> live) {
        for (RunningAttempt a : table.untracked()) {
            if (!live.contains(a.nodeId())) {
                complete(a.taskKey(), a.attemptId(), lost(a, FailureCategory.NODE_LEFT,
                        "node " + a.nodeId() + " left the grid while it ran the attempt"));
            }
        }
    }

    /** Fails adopted attempts that stayed silent far past their timeout (their reply was lost). */
    void expireSilent(Instant now) {
        for (RunningAttempt a : table.untracked()) {
            TaskRecord t = table.get(a.taskKey());
            if (t != null && a.since().plus(t.spec().timeout()).plus(settings.reportGrace()).isBefore(now)) {
                complete(a.taskKey(), a.attemptId(), lost(a, FailureCategory.INFRASTRUCTURE,
                        "no report from node " + a.nodeId() + " within the task's timeout"));
            }
        }
    }

    /** The reply for an attempt that cannot answer for itself. */
    JobReply lost(RunningAttempt a, FailureCategory category, String reason) {
        TaskRecord t = table.get(a.taskKey());
        String hwClass = t != null && a.nodeId().equals(t.nodeId()) ? t.hwClass() : null;
        return new JobReply(a.taskKey(), a.attemptId(), a.nodeId(), hwClass, new AttemptOutcome(TaskState.ERROR,
                a.since(), clock.instant(), null, List.of(), "", "", reason, category));
    }

    /** The attempt number of {@code attemptId}; the task's count when the id is not readable. */
    private static int number(String attemptId, TaskRecord task) {
        AttemptId id = AttemptId.parseOrNull(attemptId);
        return id == null ? task.attempts() : id.number();
    }
}
