package io.dtf.ci.grid;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.artifact.LocalArtifact;
import io.dtf.artifact.UploadReport;
import io.dtf.ci.grid.BridgeMessages.Reply;
import io.dtf.ci.grid.BridgeMessages.Request;
import io.dtf.ci.grid.BridgeMessages.Upload;
import io.dtf.model.AnalysisReply;
import io.dtf.model.RunView;
import io.dtf.model.TestDuration;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;

/**
 * A {@link GridSession} whose client runs in a {@link GridBridge} JVM forked with DTF's flags, so that
 * Maven itself needs none.
 */
public final class ForkedGridSession implements GridSession {
    private static final int KEPT_LINES = 40;
    private static final Reply EXITED = new Reply("exited", null);

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    /** The bridge's last lines that were not protocol, for the message when it dies. */
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final String where;

    private ForkedGridSession(Process process, String where, Log log) {
        this.process = process;
        this.where = where;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread stdout = new Thread(() -> read(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), log, true), "dtf-bridge-out");
        Thread stderr = new Thread(() -> read(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), log, false), "dtf-bridge-err");
        stdout.setDaemon(true);
        stderr.setDaemon(true);
        stdout.start();
        stderr.start();
    }

    /**
     * Starts the bridge and connects it to the grid at {@code addresses}.
     *
     * @throws GridException when the grid cannot be reached or refuses the token
     */
    public static ForkedGridSession connect(ForkedJvm jvm, List<String> addresses, String token, Path tlsCa, Log log) {
        List<String> command = jvm.command("client", List.of("-Ddtf.log.dir=" + jvm.workDir().resolve("client-logs")),
                GridBridge.class.getName(), List.of());
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new GridException("cannot start the DTF client JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
        ForkedGridSession session = new ForkedGridSession(process, "the grid at " + String.join(",", addresses), log);
        try {
            session.call(new Request(BridgeMessages.CONNECT, addresses, token, tlsCa == null ? null : tlsCa.toString(),
                    null, null, null, null), r -> { });
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    @Override
    public UploadReport upload(List<LocalArtifact> artifacts) {
        Request request = new Request(BridgeMessages.UPLOAD, null, null, null,
                artifacts.stream().map(a -> Upload.of(a.ref(), a.source())).toList(), null, null, null);
        return Json.read(call(request, r -> { }), UploadReport.class);
    }

    @Override
    public String submit(Suite suite, Consumer<String> onWarning) {
        Request request = new Request(BridgeMessages.SUBMIT, null, null, null, null, suite, null, null);
        return call(request, r -> {
            if (BridgeMessages.WARNING.equals(r.kind())) {
                onWarning.accept(r.payload());
            }
        });
    }

    @Override
    public RunView await(String runId, Duration timeout, Consumer<TaskResult> onResult) throws TimeoutException {
        Request request = new Request(BridgeMessages.AWAIT, null, null, null, null, null, runId, timeout.toMillis());
        try {
            return Json.read(call(request, r -> {
                if (BridgeMessages.RESULT.equals(r.kind())) {
                    onResult.accept(Json.read(r.payload(), TaskResult.class));
                }
            }), RunView.class);
        } catch (TimedOut e) {
            throw new TimeoutException(e.getMessage());
        }
    }

    @Override
    public void cancel(String runId) {
        call(new Request(BridgeMessages.CANCEL, null, null, null, null, null, runId, null), r -> { });
    }

    @Override
    public AnalysisReply analyze(String runId) {
        return Json.read(call(new Request(BridgeMessages.ANALYZE, null, null, null, null, null, runId, null), r -> { }),
                AnalysisReply.class);
    }

    @Override
    public List<TestDuration> testDurations(String suite) {
        return Json.read(call(new Request(BridgeMessages.DURATIONS, null, null, null, null, null, null, null, suite),
                r -> { }), new TypeReference<List<TestDuration>>() { });
    }

    @Override
    public int slots() {
        return Math.max(1, Integer.parseInt(call(Request.of(BridgeMessages.SLOTS), r -> { }).strip()));
    }

    /** Ends the session: the bridge closes its connection and exits (or is stopped if it does not). */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send(Request.of(BridgeMessages.CLOSE));
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (GridException e) {
                process.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }

    /** Stops the bridge at once (Maven interrupted): it cancels the run it awaits as it goes. */
    public void stop() {
        process.destroy();
    }

    /** Sends a request and returns the payload of its final reply, handing the others to {@code onEvent}. */
    private String call(Request request, Consumer<Reply> onEvent) {
        send(request);
        while (true) {
            Reply reply;
            try {
                reply = replies.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridException("interrupted while waiting for " + where);
            }
            switch (reply.kind()) {
                case BridgeMessages.DONE -> {
                    return reply.payload();
                }
                case BridgeMessages.ERROR -> throw new GridException(reply.payload());
                case BridgeMessages.TIMEOUT -> throw new TimedOut(reply.payload());
                case "exited" -> throw new GridException("the DTF client JVM stopped (exit code " + exitCode()
                        + ") while talking to " + where + lastLinesText());
                default -> onEvent.accept(reply);
            }
        }
    }

    private void send(Request request) {
        try {
            requests.write(Json.write(request));
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            throw new GridException("the DTF client JVM is gone (" + e.getMessage() + ")" + lastLinesText(), e);
        }
    }

    /** Reads one of the bridge's streams; {@code protocol}: its standard output, whose end means it exited. */
    private void read(BufferedReader reader, Log log, boolean protocol) {
        try (reader) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (protocol && line.startsWith(BridgeMessages.PREFIX)) {
                    replies.add(Json.read(line.substring(BridgeMessages.PREFIX.length()), Reply.class));
                } else {
                    log.debug("[dtf client] " + line);
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > KEPT_LINES) {
                            lastLines.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("[dtf client] output ended: " + e);
        } finally {
            if (protocol) {
                replies.add(EXITED);
            }
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private String lastLinesText() {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "" : "; its last lines:\n" + String.join("\n", lastLines);
        }
    }

    /** The bridge's answer that a run did not end in time. */
    private static final class TimedOut extends GridException {
        TimedOut(String message) {
            super(message);
        }
    }
}
