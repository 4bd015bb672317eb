package io.dtf.coordinator;

import io.dtf.protocol.JobReply;
import java.util.Optional;

/**
 * Decides whether a worker's reply may be stored, before the coordinator turns it into a result:
 * with security on, the reply's signature must be the one of the node it names
 * ({@code io.dtf.coordinator.ignite.SignedReplies}). Called off the coordinator's loop thread
 * (verifying costs about a millisecond), from several threads at once.
 */
@FunctionalInterface
public interface ReplyCheck {
    /** Accepts every reply: security off, and tests of the coordinator's logic. */
    ReplyCheck ACCEPT_ALL = reply -> Optional.empty();

    /** Why {@code reply} must not be stored, or empty when it may be. */
    Optional<String> refusal(JobReply reply);

    /**
     * Told of every reply the coordinator refused, for whatever reason (this check's, or an answer
     * to another attempt than the one sent), after it was counted and alerted: to audit it. On the
     * coordinator's loop thread; refusals are rare.
     */
    default void refused(JobReply reply, String reason) {
    }
}
