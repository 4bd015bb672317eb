package io.dtf.worker.ignite;

import io.dtf.protocol.JobReply;
import io.dtf.protocol.ReplyTopic;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an attempt's reply to the coordinator's node as soon as the attempt ends, ahead of its
 * batch's result ({@link ReplyTopic}). Best effort: the batch's result carries the reply too, and
 * {@link WorkerAttempts} keeps it for a new coordinator.
 */
final class EarlyReplies {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyReplies.class);

    private EarlyReplies() {
    }

    /** @param json {@code reply} as JSON, as sent */
    static void send(Ignite ignite, UUID coordinatorNode, JobReply reply, String json) {
        try {
            ignite.message(ignite.cluster().forNodeId(coordinatorNode)).send(ReplyTopic.NAME, json);
        } catch (RuntimeException e) {
            LOG.debug("attempt {} of {}: early reply not sent ({}); it goes with its batch", reply.attemptId(),
                    reply.taskKey(), e.toString());
        }
    }
}
