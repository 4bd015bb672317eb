package io.dtf.protocol;

/**
 * An attempt a worker is running, or finished without being able to report it (its coordinator
 * died), as found when a new coordinator takes over.
 *
 * @param attempt   the attempt number within its task
 * @param finished  the attempt's reply when it has ended, else null
 */
public record LiveAttempt(String taskKey, String attemptId, int attempt, String nodeId, JobReply finished) {
}
