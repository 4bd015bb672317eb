package io.dtf.coordinator.ignite;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.artifact.ArtifactLimits;
import io.dtf.artifact.ignite.CacheArtifactStore;
import io.dtf.audit.AuditAction;
import io.dtf.audit.AuditLog;
import io.dtf.audit.ignite.AuditLogs;
import io.dtf.client.CoordinatorApi;
import io.dtf.client.SubmissionSize;
import io.dtf.coordinator.Coordinator;
import io.dtf.coordinator.CoordinatorRuntime;
import io.dtf.coordinator.CoordinatorSettings;
import io.dtf.coordinator.Placement;
import io.dtf.estimates.ignite.AggregatorEstimates;
import io.dtf.model.ArtifactRef;
import io.dtf.model.CancelReply;
import io.dtf.model.CoordinatorView;
import io.dtf.model.RevokeReply;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.node.memory.MemorySettings;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.ReplyInbox;
import io.dtf.security.Principal;
import io.dtf.security.ServiceCaller;
import io.dtf.security.ignite.CacheRevocationList;
import io.dtf.wire.Json;
import io.dtf.wire.SafeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.events.Event;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator as an Ignite cluster singleton on a {@code coordinator} node. Ignite redeploys
 * it on another coordinator node if this one dies; the new instance starts empty and rebuilds
 * from the caches in {@link Coordinator#run()}.
 */
public final class CoordinatorService implements Service, CoordinatorApi, ReplyInbox {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorService.class);
    /** The system property that picks the placement on this node's coordinator; see {@link #placement}. */
    public static final String PLACEMENT_PROPERTY = "dtf.coordinator.placement";
    /** How many {@link #awaitChange} calls may wait at once. */
    static final int CHANGE_WAITERS = 4;
    private static final int[] TOPOLOGY_EVENTS = {
            EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED};

    @IgniteInstanceResource
    private transient Ignite ignite;
    private transient volatile Coordinator coordinator;
    private transient IgnitePredicate<Event> topologyListener;
    private transient ComputeDispatcher dispatcher;
    private transient ClusterTopology topology;
    private transient SignedReplies signedReplies;
    private transient volatile boolean cancelled;
    private transient volatile CacheArtifactStore artifactStore;
    private transient CoordinatorSettings settings;
    /**
     * Calls of {@link #awaitChange} waiting at once: a thin client's call holds one of the client
     * connector's threads (eight by default) while it waits; beyond this, callers are answered at
     * once and ask again later.
     */
    private transient Semaphore changeWaiters;

    @Override
    public void init() {
        changeWaiters = new Semaphore(CHANGE_WAITERS);
        dispatcher = new ComputeDispatcher(ignite);
        topology = new ClusterTopology(ignite, this::workerReady);
        signedReplies = new SignedReplies(ignite);
        settings = CoordinatorSettings.defaults().withRunRetention(MemorySettings.fromSystemProperties().runRetention())
                .withPlacement(placement(System.getProperty(PLACEMENT_PROPERTY)));
        coordinator = newCoordinator();
        topologyListener = event -> {
            coordinator.topologyChanged();
            return true;
        };
        ignite.events().localListen(topologyListener, TOPOLOGY_EVENTS);
    }

    /**
     * Runs the coordinator for as long as Ignite keeps this instance deployed. While the topology
     * changes, Ignite may briefly start a second instance elsewhere, which claims a newer epoch
     * and so stops this one; Ignite then cancels one of the two. If this one is still deployed
     * after that, the other was the passing duplicate: this one takes over again, with a fresh
     * epoch and a fresh reconcile. A failure (say, caches unreachable during recovery) is retried
     * the same way.
     */
    @Override
    public void execute() {
        while (!cancelled) {
            try {
                coordinator.run();
            } catch (RuntimeException e) {
                if (cancelled) {
                    return;
                }
                LOG.warn("the coordinator failed; starting it again", e);
            }
            if (cancelled) {
                return;
            }
            try {
                // How long an overtaken instance waits for Ignite to cancel one of the two before it takes over again.
                Thread.sleep(settings.retakeAfter().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!cancelled) {
                LOG.info("this coordinator instance is still deployed: taking over again");
                coordinator.stop();
                coordinator = newCoordinator();
            }
        }
    }

    private Coordinator newCoordinator() {
        return new Coordinator(new CacheCoordinatorStore(ignite), dispatcher, topology, this::forward, settings,
                CoordinatorRuntime.system(), AggregatorEstimates.forNode(ignite), AuditLogs.forNode(ignite),
                signedReplies);
    }

    /**
     * The placement {@value #PLACEMENT_PROPERTY} names ({@code first_free}, ...), DTF's default when
     * it is unset: for benchmarks that measure a naive placement against DTF's on a real grid.
     */
    static Placement placement(String name) {
        if (name == null || name.isBlank()) {
            return CoordinatorSettings.defaults().placement();
        }
        try {
            return Placement.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PLACEMENT_PROPERTY + ": '" + name + "' is not a placement; use one of "
                    + Arrays.toString(Placement.values()).toLowerCase(Locale.ROOT), e);
        }
    }

    /** A worker finished its start-up: schedule at once rather than at the next idle tick. */
    private void workerReady() {
        Coordinator current = coordinator;
        if (current != null) {
            current.topologyChanged();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        ignite.events().stopLocalListen(topologyListener, TOPOLOGY_EVENTS);
        coordinator.stop();
        dispatcher.close();
        topology.close();
        AggregatorEstimates.closeForNode(ignite);
    }

    /** A replaced coordinator hands replies still reaching it to the service, wherever it runs now. */
    private void forward(JobReply reply) {
        try {
            ignite.services().serviceProxy(SERVICE_NAME, ReplyInbox.class, false, 10_000).report(Json.write(reply));
        } catch (RuntimeException e) {
            LOG.warn("could not forward the reply for {} to the new coordinator; its reconcile finds it on the worker",
                    reply.taskKey(), e);
        }
    }

    @Override
    public void report(String replyJson) {
        coordinator.report(Json.read(replyJson, JobReply.class));
    }

    @Override
    public String workers() {
        return Json.write(coordinator.workers());
    }

    @Override
    public String alerts() {
        return Json.write(coordinator.alerts());
    }

    @Override
    public String coordinator() {
        ClusterNode local = ignite.cluster().localNode();
        return Json.write(new CoordinatorView(local.id().toString(), NodeAddresses.host(local),
                NodeAddresses.addresses(local)));
    }

    @Override
    public String release(String nodeId) {
        return coordinator.release(nodeId, caller());
    }

    /**
     * Whatever a client sends gets an answer, not a stack trace: text too long is refused before
     * it is parsed (parsing costs several times its size in memory), text that is not a suite is
     * refused with the parser's reason, and a suite is checked by the coordinator's admission.
     */
    @Override
    public String submit(String suiteJson) {
        Optional<String> tooLong = SubmissionSize.check(suiteJson);
        if (tooLong.isPresent()) {
            LOG.warn("refused a submission of {} characters: {}", suiteJson.length(), tooLong.get());
            refused(AuditAction.SUBMIT, tooLong.get());
            return Json.write(new SubmitReply(null, List.of(tooLong.get())));
        }
        Suite suite;
        try {
            suite = Json.read(suiteJson, Suite.class);
        } catch (RuntimeException e) {
            String reason = "submission: not a valid suite document: "
                    + SafeText.abbreviated(String.valueOf(e.getMessage()), 500);
            refused(AuditAction.SUBMIT, reason);
            return Json.write(new SubmitReply(null, List.of(reason)));
        }
        // With security on, the run belongs to whoever's token the service guard accepted.
        return Json.write(coordinator.submit(suite, ServiceCaller.current().map(Principal::subject).orElse(null)));
    }

    @Override
    public String cancelRun(String runId, String taskId) {
        if (runId == null || runId.isBlank()) {
            refused(AuditAction.CANCEL, "run: a run id is required");
            return Json.write(CancelReply.refused(runId, "run: a run id is required"));
        }
        return Json.write(coordinator.cancel(runId, taskId, caller()));
    }

    /**
     * Who makes the current call, for the audit log: {@value AuditLog#ANONYMOUS} while the grid runs
     * without security; with security on, the subject of the token the service guard accepted.
     */
    private String caller() {
        return ServiceCaller.current().map(Principal::subject).orElse(AuditLog.ANONYMOUS);
    }

    /** Records a call refused here, before the coordinator saw it. */
    private void refused(AuditAction action, String reason) {
        AuditLogs.forNode(ignite).record(action, caller(), null, false, "refused: " + reason);
    }

    @Override
    public String run(String runId) {
        return coordinator.run(runId).map(Json::write).orElse(null);
    }

    @Override
    public String runs() {
        return Json.write(coordinator.runs());
    }

    @Override
    public String tasks(String runId) {
        return Json.write(coordinator.tasks(runId));
    }

    @Override
    public String results(String runId, long afterSeq, int limit) {
        return Json.write(coordinator.results(runId, afterSeq, limit));
    }

    /** Writes the grid's deny list (see {@link CacheRevocationList}); needs the admin role. */
    @Override
    public String revokeToken(String tokenId, long untilEpochMillis) {
        RevokeReply reply = CacheRevocationList.revoke(ignite, tokenId, Instant.ofEpochMilli(untilEpochMillis),
                Clock.systemUTC());
        boolean revoked = reply.errors().isEmpty();
        AuditLogs.forNode(ignite).record(AuditAction.TOKEN_REVOKE, caller(), null, revoked, SafeText.abbreviated(
                "token " + reply.tokenId() + (revoked ? " until " + reply.until()
                        : " refused: " + String.join("; ", reply.errors())), 300));
        return Json.write(reply);
    }

    @Override
    public String missingArtifacts(String refsJson) {
        List<ArtifactRef> refs = Json.read(refsJson, new TypeReference<List<ArtifactRef>>() { });
        return Json.write(artifacts().missing(refs));
    }

    @Override
    public String beginArtifact(String refJson) {
        return Json.write(artifacts().begin(Json.read(refJson, ArtifactRef.class)));
    }

    @Override
    public String putArtifactChunk(String uploadId, int index, byte[] bytes) {
        return Json.write(artifacts().put(uploadId, index, bytes));
    }

    /** The artifact store; it keeps nothing in memory but its bound, so a fresh one per instance is right. */
    private CacheArtifactStore artifacts() {
        CacheArtifactStore store = artifactStore;
        if (store == null) {
            store = new CacheArtifactStore(ignite, ArtifactLimits.fromSystemProperties(), Clock.systemUTC());
            artifactStore = store;
        }
        return store;
    }

    @Override
    public long awaitChange(String runId, long knownChange, long maxWaitMillis) {
        Coordinator current = coordinator;
        long wait = Math.max(0, Math.min(maxWaitMillis, CHANGE_WAIT_MAX_MS));
        boolean waits = wait > 0 && changeWaiters.tryAcquire();
        try {
            return current.awaitChange(runId, knownChange, Duration.ofMillis(waits ? wait : 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return knownChange;
        } finally {
            if (waits) {
                changeWaiters.release();
            }
        }
    }

    @Override
    public String waiting(String runId, String taskIdsJson) {
        List<String> ids = Json.read(taskIdsJson, new TypeReference<List<String>>() { });
        if (ids.size() > WAITING_MAX) {
            throw new IllegalArgumentException("taskIds: " + ids.size() + " ids; ask for at most " + WAITING_MAX
                    + " at a time");
        }
        return Json.write(coordinator.waiting(runId, ids));
    }
}
