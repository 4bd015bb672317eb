package io.dtf.protocol;

/**
 * The Ignite message topic on which a worker sends attempts' replies to the coordinator's node as
 * soon as they end, while other attempts sent in the same compute job still run. A message is a
 * list of replies ({@code JobReply} as JSON). The job's result carries the replies not sent that
 * way. The sender must be the node the attempt was sent to.
 */
public final class ReplyTopic {
    /** The topic's name. */
    public static final String NAME = "dtf.attempt.replies";

    private ReplyTopic() {
    }
}
