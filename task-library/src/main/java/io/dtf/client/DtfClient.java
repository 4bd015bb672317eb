package io.dtf.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.artifact.LocalArtifact;
import io.dtf.artifact.UploadReport;
import io.dtf.model.Alert;
import io.dtf.model.CancelReply;
import io.dtf.model.CoordinatorView;
import io.dtf.model.RevokeReply;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskView;
import io.dtf.model.WorkerView;
import io.dtf.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.ignite.client.ClientConnectionException;

/**
 * Submits suites to a DTF grid and follows their results.
 *
 * <pre>{@code
 * Suite suite = SuiteLoader.load(Path.of("examples/quickstart.yaml"));
 * try (DtfClient client = DtfClient.connect(ClientOptions.of("127.0.0.1:10800"))) {
 *     String runId = client.submit(suite);
 *     RunView done = client.await(runId, Duration.ofMinutes(10),
 *             r -> System.out.println(r.taskId() + " " + r.status()));
 *     System.exit(done.passed() ? 0 : 1);
 * }
 * }</pre>
 *
 * <p>On a grid with security on, give a token ({@link ClientOptions#withToken}; {@link ClientTokens} reads
 * one from a file or {@code DTF_TOKEN}): every call then carries it, and a call the token's role does
 * not allow fails with an {@link AccessDeniedException} saying what role it needs.
 *
 * <p>The client never runs tasks itself: the coordinator owns them, so a client that disconnects
 * (a CI job cancelled, a laptop closed) does not cancel the run.
 */
public final class DtfClient implements AutoCloseable {
    private static final int PAGE = 1_000;
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long no address of the grid may answer before {@link #await} gives up: longer than a blip. */
    private static final Duration UNREACHABLE_LIMIT = Duration.ofSeconds(10);
    /** How long a call is made again while the coordinator moves: it takes seconds, this is a margin. */
    private static final Duration MOVING_LIMIT = Duration.ofSeconds(30);

    private final CoordinatorApi api;
    private final AutoCloseable connection;
    /** Where the grid is, for messages. */
    private final String where;
    /** Why the grid is gone for good, or null while it may answer. */
    private final Supplier<String> gone;

    private DtfClient(CoordinatorApi api, AutoCloseable connection, String where, Supplier<String> gone) {
        this.api = api;
        this.connection = connection;
        this.where = where;
        this.gone = gone;
    }

    /**
     * Connects with an Ignite thin client; the JVM needs DTF's Java 17 flags (config/jvm.args).
     *
     * @throws GridUnreachableException when no address answers, naming the address and what to check
     */
    public static DtfClient connect(ClientOptions options) {
        ServiceConnection<CoordinatorApi> grid = ServiceConnection.open(options, CoordinatorApi.SERVICE_NAME,
                CoordinatorApi.class);
        return new DtfClient(grid.api(), grid.connection(), "the grid at " + String.join(",", options.addresses()),
                () -> null);
    }

    /** A client over a coordinator proxy obtained elsewhere (e.g. from an embedded node). */
    public static DtfClient over(CoordinatorApi api) {
        return over(api, () -> null);
    }

    /**
     * As {@link #over(CoordinatorApi)}, where {@code stopped} says why the node behind {@code api} has
     * stopped for good (null while it runs): {@link #await} then fails at once instead of waiting.
     */
    public static DtfClient over(CoordinatorApi api, Supplier<String> stopped) {
        return new DtfClient(api, () -> { }, "the embedded node", stopped);
    }

    /** Cancels a whole run; see {@link #cancel(String, String)}. */
    public CancelReply cancel(String runId) {
        return cancel(runId, null);
    }

    /**
     * Cancels run {@code runId}, or only its task {@code taskId} when that is not null: waiting tasks
     * leave the queue, running attempts are stopped on their workers (process trees killed, benchmark
     * threads interrupted), and each such task ends CANCELLED. Returns at once; the run ends when the
     * stopped attempts have reported ({@link #await} sees it). Asking again is harmless.
     *
     * @throws IllegalArgumentException when the grid knows no such run or task
     */
    public CancelReply cancel(String runId, String taskId) {
        CancelReply reply = Json.read(call(() -> api.cancelRun(runId, taskId)), CancelReply.class);
        if (!reply.accepted()) {
            throw new IllegalArgumentException(String.join("; ", reply.errors()));
        }
        return reply;
    }

    /**
     * Submits a suite and returns its run id.
     *
     * @throws SubmissionRefusedException when the coordinator refuses the suite; its errors say why
     */
    public String submit(Suite suite) {
        return submit(suite, warning -> { });
    }

    /**
     * As {@link #submit(Suite)}, handing each of the coordinator's warnings about the accepted run
     * to {@code onWarning} (e.g. a task that requires an attribute no node has ever advertised).
     */
    public String submit(Suite suite, Consumer<String> onWarning) {
        String json = Json.write(suite);
        SubmissionSize.check(json).ifPresent(tooLong -> {
            throw new SubmissionRefusedException(List.of(tooLong)); // refused here rather than sent for nothing
        });
        SubmitReply reply = Json.read(call(() -> api.submit(json)), SubmitReply.class);
        if (!reply.accepted()) {
            throw new SubmissionRefusedException(reply.errors());
        }
        reply.warnings().forEach(onWarning);
        return reply.runId();
    }

    /**
     * Makes the grid hold every artifact given: asks which of them it lacks by digest and sends only
     * those, in chunks. Call before submitting tasks that name them.
     *
     * <pre>{@code
     * LocalArtifact jar = Artifacts.file(Path.of("target/app-tests.jar"));
     * UploadReport sent = client.upload(List.of(jar));  // again: sent.bytesSent() == 0
     * }</pre>
     *
     * @throws IllegalArgumentException when an artifact's bytes do not match its digest or size, or the
     *                                  grid refuses it (beyond its size bounds); the message names it
     */
    public UploadReport upload(Collection<LocalArtifact> artifacts) {
        return new ArtifactUpload(api, DtfClient::call).upload(artifacts);
    }

    /** Where the coordinator runs now. */
    public CoordinatorView coordinator() {
        return Json.read(call(() -> api.coordinator()), CoordinatorView.class);
    }

    /** The run's progress, or null when the grid does not know the run. */
    public RunView status(String runId) {
        String json = call(() -> api.run(runId));
        return json == null ? null : Json.read(json, RunView.class);
    }

    public List<RunView> runs() {
        return Json.read(call(() -> api.runs()), new TypeReference<List<RunView>>() { });
    }

    public List<TaskView> tasks(String runId) {
        return Json.read(call(() -> api.tasks(runId)), new TypeReference<List<TaskView>>() { });
    }

    /** Results of a run with a sequence number above {@code afterSeq}, oldest first, one page. */
    public List<TaskResult> results(String runId, long afterSeq) {
        return Json.read(call(() -> api.results(runId, afterSeq, PAGE)), new TypeReference<List<TaskResult>>() { });
    }

    public List<WorkerView> workers() {
        return Json.read(call(() -> api.workers()), new TypeReference<List<WorkerView>>() { });
    }

    public List<Alert> alerts() {
        return Json.read(call(() -> api.alerts()), new TypeReference<List<Alert>>() { });
    }

    /** Lets a quarantined worker take work again; returns what the coordinator did. */
    public String release(String nodeId) {
        return call(() -> api.release(nodeId));
    }

    /**
     * Revokes a token by its id until {@code until}: every node of the grid refuses it from then on.
     * Needs an admin token on a grid with security on.
     *
     * @throws IllegalArgumentException when the grid refuses the request (a malformed id, an end in the past)
     */
    public RevokeReply revokeToken(String tokenId, Instant until) {
        RevokeReply reply = Json.read(call(() -> api.revokeToken(tokenId, until.toEpochMilli())), RevokeReply.class);
        if (!reply.accepted()) {
            throw new IllegalArgumentException(String.join("; ", reply.errors()));
        }
        return reply;
    }

    /** Every result of a run so far. */
    public List<TaskResult> results(String runId) {
        List<TaskResult> all = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            List<TaskResult> page = results(runId, after);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).seq();
        }
    }

    /**
     * Waits until every task of the run has ended, handing each result to {@code onResult} as it
     * arrives (attempts that will be retried included), and returns the final progress. Between
     * two reads of the run it waits for the coordinator's word that the run changed, so a result
     * is seen as soon as it is stored; without that word it reads again after a while anyway.
     *
     * @throws GridLostException     when the grid is gone for good: the embedded node stopped, or no
     *                               address of the grid answered for ten seconds
     * @throws AccessDeniedException when the grid refuses the token (revoked or expired meanwhile, say)
     */
    public RunView await(String runId, Duration timeout, Consumer<TaskResult> onResult) throws TimeoutException,
            InterruptedException {
        return await(runId, timeout, onResult, view -> { });
    }

    /** As {@link #await(String, Duration, Consumer)}, also handing the run's progress to {@code onProgress} at every read. */
    public RunView await(String runId, Duration timeout, Consumer<TaskResult> onResult, Consumer<RunView> onProgress)
            throws TimeoutException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Instant unreachableSince = null;
        String unreachableWhy = null; // the first failure says why; later ones only that the client stopped trying
        long after = 0;
        ChangeWaiter changes = new ChangeWaiter(api, runId, POLL);
        changes.start();
        while (true) {
            RunView view;
            try {
                view = status(runId);
                if (view == null) {
                    throw new IllegalArgumentException("run " + runId + " is not known to the grid");
                }
                List<TaskResult> page;
                do {
                    page = results(runId, after);
                    for (TaskResult r : page) {
                        onResult.accept(r);
                        after = r.seq();
                    }
                } while (page.size() == PAGE);
            } catch (IllegalArgumentException | AccessDeniedException e) {
                throw e; // asking again gets the same answer
            } catch (RuntimeException e) {
                String stopped = gone.get();
                if (stopped != null) {
                    throw new GridLostException(where + " stopped: " + stopped, e);
                }
                if (!connectionLost(e)) {
                    unreachableSince = null;
                } else if (unreachableSince == null) {
                    unreachableSince = Instant.now();
                    unreachableWhy = e.getMessage();
                } else if (Instant.now().isAfter(unreachableSince.plus(UNREACHABLE_LIMIT))) {
                    throw new GridLostException("lost the connection to " + where + ": no address answered for "
                            + UNREACHABLE_LIMIT.toSeconds() + " s (" + unreachableWhy + ")", e);
                }
                // The coordinator is moving to another node (its own died): it is back within seconds.
                if (Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("run " + runId + ": the coordinator did not answer before the "
                            + "deadline: " + e.getMessage());
                }
                Thread.sleep(POLL.toMillis());
                continue;
            }
            unreachableSince = null;
            onProgress.accept(view);
            if (view.isDone()) {
                return view;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("run " + runId + " not done after " + timeout + ": " + view.done()
                        + " of " + view.total() + " tasks ended");
            }
            changes.await(deadline);
        }
    }

    /**
     * Makes a call, again while the coordinator is moving to another node: the instance that said
     * so did nothing (see {@link CoordinatorApi#MOVING}), and the next is up within seconds.
     */
    private static <T> T call(Supplier<T> call) {
        Instant deadline = Instant.now().plus(MOVING_LIMIT);
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!moving(e) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the coordinator moved", e);
            }
        }
    }

    private static boolean moving(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(CoordinatorApi.MOVING)) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClientConnectionException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the grid connection failed", e);
        }
    }
}
