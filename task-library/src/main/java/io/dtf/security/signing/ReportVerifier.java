package io.dtf.security.signing;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.Metric;
import io.dtf.model.ReportSignature;
import io.dtf.model.ResultSignature;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Checks that a report, or a result made from one, is what the node it names signed, with the key
 * the grid registered for that node. Used by the coordinator before it stores a worker's reply and
 * by the aggregator before it stores a result into DuckDB.
 *
 * <p>What needs a signature: anything a worker says about its attempt. What does not: a report that
 * only says the attempt did not run or was lost (status ERROR or CANCELLED, no exit code, no
 * metrics, no output, no test cases); the coordinator makes such reports itself when a worker
 * leaves, cannot be reached or is stopped, and they claim nothing a silent worker would not cause
 * anyway. With {@code required} off (security off), unsigned reports pass; a signature present is
 * still checked.
 *
 * <pre>{@code
 * ReportVerifier verifier = new ReportVerifier(registry::find, true);
 * Optional<String> refused = verifier.refusal(result); // empty: store it
 * }</pre>
 */
public final class ReportVerifier {
    private final NodeKeyLookup keys;
    private final boolean required;
    private final Provider provider;
    /** Decoded keys by fingerprint: a registered key never changes, and decoding is not free. */
    private final Map<String, PublicKey> decoded = new ConcurrentHashMap<>();

    /** @param required whether a report that needs a signature is refused without one */
    public ReportVerifier(NodeKeyLookup keys, boolean required) {
        this(keys, required, Ecdsa.preferred());
    }

    /** As {@link #ReportVerifier(NodeKeyLookup, boolean)}, verifying with {@code provider} (null: the JDK's). */
    public ReportVerifier(NodeKeyLookup keys, boolean required, Provider provider) {
        this.keys = keys;
        this.required = required;
        this.provider = provider;
    }

    public boolean required() {
        return required;
    }

    /** Why a worker's report must not be stored, or empty when it may. */
    public Optional<String> refusal(String taskKey, String attemptId, String nodeId, String hwClass,
                                    AttemptOutcome outcome, ReportSignature signature) {
        if (signature == null) {
            return unsigned(outcome.status(), outcome.exitCode(), outcome.metrics(), outcome.stdoutTail(),
                    outcome.stderrTail(), outcome.tests());
        }
        return check(nodeId, signature.keyFingerprint(), signature.value(),
                () -> ReportBytes.of(taskKey, attemptId, nodeId, hwClass, outcome));
    }

    /** Why a stored result must not be replicated, or empty when it may. */
    public Optional<String> refusal(TaskResult result) {
        ResultSignature s = result.signature();
        if (s == null) {
            return unsigned(result.status(), result.exitCode(), result.metrics(), result.stdoutTail(),
                    result.stderrTail(), result.tests());
        }
        return check(result.nodeId(), s.keyFingerprint(), s.value(), () -> ReportBytes.of(result));
    }

    /** Whether a report with these facts says no more than "it did not run": such reports need no signature. */
    public static boolean saysOnlyItDidNotRun(TaskState status, Integer exitCode, List<Metric> metrics, String stdout,
                                              String stderr) {
        return (status == TaskState.ERROR || status == TaskState.CANCELLED) && exitCode == null
                && (metrics == null || metrics.isEmpty()) && isEmpty(stdout) && isEmpty(stderr);
    }

    /** Test cases say the attempt ran: a report with any needs a signature, whatever else it says. */
    private Optional<String> unsigned(TaskState status, Integer exitCode, List<Metric> metrics, String stdout,
                                      String stderr, List<TestCase> tests) {
        if (!required || tests.isEmpty() && saysOnlyItDidNotRun(status, exitCode, metrics, stdout, stderr)) {
            return Optional.empty();
        }
        return Optional.of("the report is not signed, and every worker's report must be");
    }

    private Optional<String> check(String nodeId, String fingerprint, String value, Supplier<byte[]> report) {
        if (nodeId == null) {
            return Optional.of("the report is signed but names no node");
        }
        NodeKey registered = keys.find(nodeId);
        if (registered == null) {
            return Optional.of("node " + nodeId + " has no registered report key");
        }
        if (!registered.fingerprint().equals(fingerprint)) {
            return Optional.of("signed with key " + fingerprint + ", but node " + nodeId + "'s registered key is "
                    + registered.fingerprint());
        }
        try {
            Signature verify = Ecdsa.signature(provider);
            verify.initVerify(decoded.computeIfAbsent(registered.fingerprint(), f -> decode(registered)));
            verify.update(report.get());
            if (verify.verify(Base64.getDecoder().decode(value == null ? "" : value))) {
                return Optional.empty();
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("the signature is malformed (" + e.getClass().getSimpleName() + ")");
        }
        return Optional.of("the signature does not match the report: it was changed after signing, or signed"
                + " for another attempt");
    }

    private PublicKey decode(NodeKey registered) {
        try {
            return Ecdsa.own(registered.key(), provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the registered key of node " + registered.nodeId() + " is unusable", e);
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
