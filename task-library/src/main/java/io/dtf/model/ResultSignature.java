package io.dtf.model;

/**
 * The worker's signature as a stored result carries it, with the two facts of the signed report
 * that the result does not hold itself: the attempt's id and the attempt's own status (a result's
 * status is the task's verdict on its final attempt, e.g. FLAKY where the attempt PASSED).
 */
public record ResultSignature(String attemptId, TaskState attemptStatus, String keyFingerprint, String value) {
    public static ResultSignature of(String attemptId, TaskState attemptStatus, ReportSignature signature) {
        return signature == null ? null
                : new ResultSignature(attemptId, attemptStatus, signature.keyFingerprint(), signature.value());
    }
}
