package io.dtf.protocol;

/**
 * How a worker hands the coordinator an attempt's reply when the compute task that started it is
 * gone (its master, the old coordinator's node, died): through the service, wherever it now runs.
 * Kept apart from the client API: clients have no business reporting attempts.
 */
public interface ReplyInbox {
    /** A {@code JobReply} as JSON; a reply for an attempt the coordinator no longer waits for is ignored. */
    void report(String replyJson);
}
