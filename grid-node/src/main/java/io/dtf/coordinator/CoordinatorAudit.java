package io.dtf.coordinator;

import io.dtf.audit.AuditAction;
import io.dtf.audit.AuditLog;
import io.dtf.model.AuditEvent;
import io.dtf.model.CancelReply;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import java.time.InstantSource;

/**
 * What the coordinator writes in the audit log: submissions, cancellations and releases with who asked,
 * quarantines with {@value #COORDINATOR} as the one who acted. Refusals are recorded too
 * ({@code allowed = false}), with the first reason. Events carry no node: the node's log fills in its own.
 */
final class CoordinatorAudit {
    /** The subject of what the coordinator does on its own (a quarantine). */
    static final String COORDINATOR = "coordinator";

    private final AuditLog log;
    private final InstantSource clock;

    CoordinatorAudit(AuditLog log, InstantSource clock) {
        this.log = log;
        this.clock = clock;
    }

    /** An event at the coordinator's time, not the machine's: a simulation's audit follows its clock. */
    private void record(AuditAction action, String subject, boolean allowed, String detail) {
        log.record(new AuditEvent(clock.instant(), action.label(), subject, null, allowed, detail));
    }

    void submitted(String subject, Suite suite, SubmitReply reply) {
        // A hostile submission may be no suite at all, or one without tasks: the audit says so rather than fail.
        String what = suite == null ? "no suite" : "suite " + suite.name() + ", "
                + (suite.tasks() == null ? 0 : suite.tasks().size()) + " tasks";
        record(AuditAction.SUBMIT, subject, reply.accepted(), reply.accepted()
                ? "run " + reply.runId() + ": " + what : "refused " + what + ": " + reasons(reply.errors().size(),
                reply.errors().isEmpty() ? null : reply.errors().get(0)));
    }

    void cancelled(String subject, String runId, String taskId, CancelReply reply) {
        String what = "run " + runId + (taskId == null ? "" : " task " + taskId);
        record(AuditAction.CANCEL, subject, reply.accepted(), reply.accepted()
                ? what + ": " + reply.dequeued() + " dequeued, " + reply.stopping() + " being stopped, "
                + reply.alreadyEnded() + " already ended"
                : "refused " + what + ": " + reasons(reply.errors().size(), reply.errors().get(0)));
    }

    void released(String subject, String nodeId, boolean wasQuarantined) {
        record(AuditAction.RELEASE, subject, true, "worker " + nodeId
                + (wasQuarantined ? " released from quarantine" : " was not quarantined: nothing changed"));
    }

    void quarantined(Quarantine.Entry entry, String why) {
        record(AuditAction.QUARANTINE, COORDINATOR, true,
                "worker " + entry.nodeId() + " quarantined until " + entry.until() + ": " + why);
    }

    private static String reasons(int count, String first) {
        return first + (count > 1 ? " (and " + (count - 1) + " more)" : "");
    }
}
