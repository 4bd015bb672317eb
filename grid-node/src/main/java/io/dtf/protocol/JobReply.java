package io.dtf.protocol;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.ReportSignature;
import io.dtf.security.signing.ReportBytes;
import io.dtf.security.signing.ReportSigner;

/**
 * A worker's answer for one attempt: which attempt, who ran it and how it ended.
 *
 * @param taskKey      {@link TaskKey}: {@code <run id>/<task id>}
 * @param attemptId    {@link AttemptId} of the attempt this answers
 * @param signature    the worker's signature over the attempt and its outcome ({@link ReportBytes}); null
 *                     when signing is off, and in replies the coordinator's side makes itself (the worker
 *                     left, could not be reached, sent nothing in time)
 * @param checkpointed whether the attempt saved (or tried to save) a checkpoint of its task; null when
 *                     not known: a reply the coordinator's side made, or one from a worker that does not
 *                     say. Only a task one of whose attempts may have saved one has its checkpoint removed
 *                     when it ends; not signed, as a wrong answer costs space, never a result.
 */
public record JobReply(String taskKey, String attemptId, String nodeId, String hwClass, AttemptOutcome outcome,
                       ReportSignature signature, Boolean checkpointed) {

    /** An unsigned reply that does not say whether a checkpoint was saved. */
    public JobReply(String taskKey, String attemptId, String nodeId, String hwClass, AttemptOutcome outcome) {
        this(taskKey, attemptId, nodeId, hwClass, outcome, null, null);
    }

    /** A reply that does not say whether a checkpoint was saved. */
    public JobReply(String taskKey, String attemptId, String nodeId, String hwClass, AttemptOutcome outcome,
                    ReportSignature signature) {
        this(taskKey, attemptId, nodeId, hwClass, outcome, signature, null);
    }

    /** This reply signed with {@code signer}. */
    public JobReply signedWith(ReportSigner signer) {
        return new JobReply(taskKey, attemptId, nodeId, hwClass, outcome,
                signer.sign(ReportBytes.of(taskKey, attemptId, nodeId, hwClass, outcome)), checkpointed);
    }

    /** This reply saying whether its attempt saved a checkpoint. */
    public JobReply withCheckpointed(boolean value) {
        return new JobReply(taskKey, attemptId, nodeId, hwClass, outcome, signature, value);
    }

    /** Whether the attempt may have left a checkpoint: it says it saved one, or does not say. */
    public boolean mayHaveCheckpointed() {
        return !Boolean.FALSE.equals(checkpointed);
    }
}
