package io.dtf.client;

/**
 * The coordinator's service contract, as clients proxy it (thin client, embedded node, other
 * languages). Every argument and answer is JSON text of a model record (see {@code io.dtf.wire.Json}):
 * the wire stays language-neutral and free of Ignite's binary marshaller.
 *
 * <p>A caller passes its bearer token in the service call context attribute {@link #TOKEN_ATTRIBUTE}.
 */
public interface CoordinatorApi {
    /** The Ignite service name of the coordinator singleton. */
    String SERVICE_NAME = "dtf-coordinator";

    /** Service call context attribute that carries {@code Bearer <jwt>}. */
    String TOKEN_ATTRIBUTE = "authorization";

    /**
     * The error a call gets when the coordinator instance it reached stopped before taking the call
     * up (it is moving to another node): nothing was done, and the same call may be made again.
     */
    String MOVING = "the coordinator is moving to another instance; try again";

    /** Submits a {@code Suite}; answers a {@code SubmitReply} (a run id, or the reasons for refusal). */
    String submit(String suiteJson);

    /**
     * Cancels a whole run ({@code taskId} null) or one of its tasks: waiting tasks leave the queue,
     * running attempts are stopped on their workers, and each such task ends CANCELLED. Idempotent.
     * Answers a {@code CancelReply}. (Not named {@code cancel}: Ignite's {@code Service} has one.)
     */
    String cancelRun(String runId, String taskId);

    /** A {@code RunView}, or null when no such run exists. */
    String run(String runId);

    /** Every known run as a list of {@code RunView}, newest first. */
    String runs();

    /** A run's tasks as a list of {@code TaskView}; an empty list for an unknown run. */
    String tasks(String runId);

    /** Up to {@code limit} {@code TaskResult}s of a run with {@code seq > afterSeq}, in seq order. */
    String results(String runId, long afterSeq, int limit);

    /** The live workers as a list of {@code WorkerView}: load, failure streak, quarantine. */
    String workers();

    /** Recent {@code Alert}s, oldest first (a worker quarantined, released). */
    String alerts();

    /** A {@code CoordinatorView}: the node that hosts the coordinator now. */
    String coordinator();

    /** Ends a worker's quarantine at once; answers a sentence saying what happened. */
    String release(String nodeId);

    /**
     * Revokes the token whose id ({@code jti}) is {@code tokenId} until {@code untilEpochMillis}: from
     * then on every node refuses it, wherever it is presented. Answers a {@code RevokeReply}. Needs
     * the admin role.
     */
    String revokeToken(String tokenId, long untilEpochMillis);

    /**
     * Which of the artifacts named (a JSON list of {@code ArtifactRef}) the grid lacks: answers a
     * {@code MissingArtifacts}, whose errors name those it would refuse (beyond its size bounds).
     */
    String missingArtifacts(String refsJson);

    /**
     * Starts sending one artifact ({@code ArtifactRef} JSON): answers an {@code ArtifactUploadReply}
     * with the upload id to send chunks to, stored when the grid has it already, or why it is refused.
     */
    String beginArtifact(String refJson);

    /**
     * Chunk {@code index} of an upload, in order, each {@code ArtifactChunks.BYTES} long but the last.
     * At the last chunk the grid checks the bytes' SHA-256 against the name they were sent under and
     * keeps them only if they match. Answers an {@code ArtifactUploadReply}.
     */
    String putArtifactChunk(String uploadId, int index, byte[] bytes);

    /**
     * Why tasks of a run wait: {@code taskIdsJson} is a JSON list of at most {@value #WAITING_MAX} task
     * ids; answers a JSON object task id -> reason for those still QUEUED whose reason is known. For
     * readers that page a run's tasks themselves (the console's SQL) and need the reasons of one page.
     */
    String waiting(String runId, String taskIdsJson);

    /** The most task ids one {@link #waiting} call takes. */
    int WAITING_MAX = 1_000;

    /**
     * Waits until run {@code runId} has a change (a result, a task started or ended, the run ended)
     * numbered above {@code knownChange}, at most {@code maxWaitMillis} (the coordinator waits
     * {@value #CHANGE_WAIT_MAX_MS} ms at most, and not at all while it serves too many waiters), and
     * answers the run's latest change number; {@code -1} answers at once. A follower that reads the
     * number before reading the run's state hears of every later change: it reads again when the
     * answer is higher. Numbers of a newer coordinator are higher than any of the one it replaced.
     */
    long awaitChange(String runId, long knownChange, long maxWaitMillis);

    /** The longest one {@link #awaitChange} call waits. */
    long CHANGE_WAIT_MAX_MS = 2_000;
}
