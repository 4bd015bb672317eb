package io.dtf.protocol;

/**
 * The Ignite message topic on which a worker sends each attempt's reply to the coordinator's node
 * as soon as the attempt ends, while other attempts sent in the same compute job still run. The
 * job's own result repeats every reply: a message is only the early copy, and the coordinator
 * takes whichever comes first. The sender must be the node the attempt was sent to.
 */
public final class ReplyTopic {
    /** The topic's name. */
    public static final String NAME = "dtf.attempt.replies";

    private ReplyTopic() {
    }
}
