package io.dtf.ci.grid;

import io.dtf.artifact.LocalArtifact;
import io.dtf.ci.grid.BridgeMessages.Reply;
import io.dtf.ci.grid.BridgeMessages.Request;
import io.dtf.client.AggregatorClient;
import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import io.dtf.client.NoAggregatorException;
import io.dtf.client.SubmissionRefusedException;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.RunView;
import io.dtf.model.TestDuration;
import io.dtf.model.WorkerView;
import io.dtf.wire.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The plugin's client in a JVM of its own (see {@link BridgeMessages} for why and for the protocol):
 * reads requests on standard input, calls {@link DtfClient}, writes replies on standard output. When
 * the JVM is stopped (Maven interrupted with Ctrl-C) while a run is awaited, the run is cancelled, so
 * that its tasks do not hold the grid's workers for a build that is gone.
 */
public final class GridBridge {
    private final PrintStream out;
    private DtfClient client;
    private ClientOptions options;
    private volatile String awaiting;

    private GridBridge(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // whatever a library prints must not mix with the protocol
        GridBridge bridge = new GridBridge(protocol);
        Runtime.getRuntime().addShutdownHook(new Thread(bridge::cancelAwaited, "dtf-bridge-cancel"));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            if (!bridge.handle(Json.read(line, Request.class))) {
                break;
            }
        }
        bridge.closeClient();
        System.exit(0);
    }

    /** Answers one request; false when the session is over. */
    private boolean handle(Request request) {
        try {
            switch (request.op()) {
                case BridgeMessages.CONNECT -> {
                    ClientOptions o = new ClientOptions(request.addresses(), request.token(), null);
                    options = request.tlsCa() == null ? o : o.withTlsCa(Path.of(request.tlsCa()));
                    client = DtfClient.connect(options);
                    reply(BridgeMessages.DONE, "connected");
                }
                case BridgeMessages.UPLOAD -> reply(BridgeMessages.DONE, Json.write(client.upload(
                        request.artifacts().stream().map(u -> new LocalArtifact(u.ref(), Path.of(u.source()))).toList())));
                case BridgeMessages.SUBMIT -> reply(BridgeMessages.DONE, client.submit(request.suite(),
                        warning -> reply(BridgeMessages.WARNING, warning)));
                case BridgeMessages.AWAIT -> await(request.runId(), Duration.ofMillis(request.timeoutMillis()));
                case BridgeMessages.CANCEL -> {
                    client.cancel(request.runId());
                    reply(BridgeMessages.DONE, "cancelled");
                }
                case BridgeMessages.ANALYZE -> {
                    try (AggregatorClient aggregator = AggregatorClient.connect(options)) {
                        reply(BridgeMessages.DONE, Json.write(aggregator.analyze(new AnalysisRequest(request.runId(),
                                "md"))));
                    }
                }
                case BridgeMessages.DURATIONS -> reply(BridgeMessages.DONE, Json.write(durations(request.suiteName())));
                case BridgeMessages.SLOTS -> reply(BridgeMessages.DONE, String.valueOf(
                        client.workers().stream().mapToInt(WorkerView::slots).sum()));
                case BridgeMessages.CLOSE -> {
                    reply(BridgeMessages.DONE, "closed");
                    return false;
                }
                default -> reply(BridgeMessages.ERROR, "unknown request '" + request.op() + "'");
            }
        } catch (SubmissionRefusedException e) {
            reply(BridgeMessages.ERROR, "the grid refused the tasks: " + String.join("; ", e.errors()));
        } catch (RuntimeException e) {
            reply(BridgeMessages.ERROR, describe(e));
        }
        return true;
    }

    /** The suite's past test durations; none from a grid without an aggregator (the plan then estimates). */
    private List<TestDuration> durations(String suite) {
        try (AggregatorClient aggregator = AggregatorClient.connect(options)) {
            return aggregator.testDurations(suite);
        } catch (NoAggregatorException e) {
            System.err.println("no test durations: " + describe(e));
            return List.of();
        }
    }

    private void await(String runId, Duration timeout) {
        awaiting = runId;
        try {
            RunView view = client.await(runId, timeout, r -> reply(BridgeMessages.RESULT, Json.write(r)));
            reply(BridgeMessages.DONE, Json.write(view));
        } catch (TimeoutException e) {
            reply(BridgeMessages.TIMEOUT, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(BridgeMessages.ERROR, "interrupted while waiting for run " + runId);
        } finally {
            awaiting = null;
        }
    }

    private void cancelAwaited() {
        String runId = awaiting;
        if (runId != null && client != null) {
            try {
                client.cancel(runId);
                System.err.println("cancelled run " + runId);
            } catch (RuntimeException e) {
                System.err.println("could not cancel run " + runId + ": " + describe(e));
            }
        }
    }

    private void closeClient() {
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                System.err.println("closing the grid connection: " + describe(e));
            }
        }
    }

    private synchronized void reply(String kind, String payload) {
        out.println(BridgeMessages.PREFIX + Json.write(new Reply(kind, payload)));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
