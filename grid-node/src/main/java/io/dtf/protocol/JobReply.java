package io.dtf.protocol;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.ReportSignature;
import io.dtf.security.signing.ReportBytes;
import io.dtf.security.signing.ReportSigner;

/**
 * A worker's answer for one attempt: which attempt, who ran it and how it ended.
 *
 * @param taskKey    {@link TaskKey}: {@code <run id>/<task id>}
 * @param attemptId  {@link AttemptId} of the attempt this answers
 * @param signature  the worker's signature over all of the above ({@link ReportBytes}); null when
 *                   signing is off, and in replies the coordinator's side makes itself (the worker
 *                   left, could not be reached, sent nothing in time)
 */
public record JobReply(String taskKey, String attemptId, String nodeId, String hwClass, AttemptOutcome outcome,
                       ReportSignature signature) {

    /** An unsigned reply. */
    public JobReply(String taskKey, String attemptId, String nodeId, String hwClass, AttemptOutcome outcome) {
        this(taskKey, attemptId, nodeId, hwClass, outcome, null);
    }

    /** This reply signed with {@code signer}. */
    public JobReply signedWith(ReportSigner signer) {
        return new JobReply(taskKey, attemptId, nodeId, hwClass, outcome,
                signer.sign(ReportBytes.of(taskKey, attemptId, nodeId, hwClass, outcome)));
    }
}
