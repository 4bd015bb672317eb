package io.dtf.ci.grid;

import io.dtf.model.ArtifactRef;
import io.dtf.model.Suite;
import java.nio.file.Path;
import java.util.List;

/**
 * The line protocol between the plugin (in Maven's JVM) and {@link GridBridge} (a JVM of its own,
 * started with DTF's Java flags, which the Ignite thin client needs and Maven's JVM does not have):
 * one JSON {@link Request} per line on the bridge's standard input; on its standard output, lines
 * starting with {@link #PREFIX} each carrying one JSON {@link Reply}. A request is answered by any
 * number of {@code result} and {@code warning} replies and one final {@code done}, {@code timeout} or
 * {@code error}. Anything else the bridge prints is not protocol (the plugin logs it at debug level).
 */
final class BridgeMessages {
    static final String PREFIX = "@dtf-bridge ";

    /** Ops, in the order a session uses them. */
    static final String CONNECT = "connect";
    static final String UPLOAD = "upload";
    static final String SUBMIT = "submit";
    static final String AWAIT = "await";
    static final String CANCEL = "cancel";
    static final String ANALYZE = "analyze";
    static final String DURATIONS = "durations";
    static final String SLOTS = "slots";
    static final String CLOSE = "close";

    /** Reply kinds. */
    static final String RESULT = "result";
    static final String WARNING = "warning";
    static final String DONE = "done";
    static final String TIMEOUT = "timeout";
    static final String ERROR = "error";

    private BridgeMessages() {
    }

    /**
     * @param addresses     {@code connect}: the grid's thin-client addresses
     * @param token         {@code connect}: the bearer token, or null (sent here, never on a command line)
     * @param tlsCa         {@code connect}: the grid's CA certificate for TLS, or null
     * @param artifacts     {@code upload}
     * @param suite         {@code submit}
     * @param runId         {@code await}, {@code cancel}, {@code analyze}
     * @param timeoutMillis {@code await}
     * @param suiteName     {@code durations}
     */
    record Request(String op, List<String> addresses, String token, String tlsCa, List<Upload> artifacts,
                   Suite suite, String runId, Long timeoutMillis, String suiteName) {
        Request(String op, List<String> addresses, String token, String tlsCa, List<Upload> artifacts, Suite suite,
                String runId, Long timeoutMillis) {
            this(op, addresses, token, tlsCa, artifacts, suite, runId, timeoutMillis, null);
        }

        static Request of(String op) {
            return new Request(op, null, null, null, null, null, null, null);
        }
    }

    /** An artifact to upload: its reference and the file holding its bytes. */
    record Upload(ArtifactRef ref, String source) {
        static Upload of(ArtifactRef ref, Path source) {
            return new Upload(ref, source.toAbsolutePath().toString());
        }
    }

    /** @param payload JSON of the reply's value (a TaskResult, a RunView, ...) or the message of an error */
    record Reply(String kind, String payload) {
    }
}
