package io.dtf.wire;

/** The DTF caches. Values are JSON text of model records (see {@link Json}). */
public final class CacheNames {
    /** runId -> {@code RunRecord}. */
    public static final String RUNS = "dtf-runs";
    /** taskKey (runId/taskId) -> the task's state: small, rewritten at every state change. */
    public static final String TASKS = "dtf-tasks";
    /** taskKey (runId/taskId) -> {@code TaskSpec}: written once, at submission. */
    public static final String TASK_SPECS = "dtf-task-specs";
    /** seq (Long) -> {@code TaskResult}; append-only, the system of record for results. */
    public static final String RESULTS = "dtf-results";
    /** The cluster-wide sequence that numbers results (from 1 again in each in-memory grid incarnation). */
    public static final String RESULT_SEQUENCE = "dtf-result-seq";
    /**
     * The grid incarnation's id (atomic reference holding a UUID): with a result's seq, its identity in
     * the DuckDB replica. Kept across restarts exactly when the sequence is (a persistent grid).
     */
    public static final String GRID_ID = "dtf-grid-id";
    /** The coordinator epoch (atomic long): raised by each new coordinator, the fence against old ones. */
    public static final String COORDINATOR_EPOCH = "dtf-coordinator-epoch";
    /** The quarantined workers (atomic reference holding a JSON list). */
    public static final String QUARANTINE = "dtf-quarantine";
    /** Checkpoint key (the taskKey) -> saved state; the cache of the checkpoint SPI in ignite-base.xml. */
    public static final String CHECKPOINTS = "dtf-checkpoints";
    /**
     * Worker node id -> when it finished starting (epoch milliseconds, its own clock): written as the
     * last step of a worker's start-up; the coordinator sends attempts only to workers listed here.
     */
    public static final String READY_WORKERS = "dtf-ready-workers";
    /**
     * Token id ({@code jti}) -> until when it is revoked (epoch milliseconds): the grid's deny list.
     * Each entry expires at its end.
     */
    public static final String REVOKED_TOKENS = "dtf-revoked-tokens";
    /**
     * seq (Long) -> {@code AuditEvent}: who did or tried what on the grid. Append-only; the aggregator
     * replicates it into DuckDB (table {@code audit}), after which entries leave the cache.
     */
    public static final String AUDIT = "dtf-audit";
    /** The cluster-wide sequence that numbers audit entries (beside {@link #GRID_ID}, like {@link #RESULT_SEQUENCE}). */
    public static final String AUDIT_SEQUENCE = "dtf-audit-seq";
    /**
     * Node id -> {@code NodeKey}: the report key of each worker whose reports were verified, written
     * by the coordinator (from the key the node advertised when it was admitted), never by workers;
     * read by the coordinator and the aggregator to verify signed reports and results.
     */
    public static final String NODE_KEYS = "dtf-node-keys";

    /**
     * SHA-256 (64 hex digits) -> {@code StoredArtifact}: an artifact the grid holds, written only once all
     * its chunks are in {@link #ARTIFACT_CHUNKS} and their digest was checked. Its presence is what
     * "the grid has this artifact" means.
     */
    public static final String ARTIFACTS = "dtf-artifacts";
    /** {@code <blob>/<index>} -> up to 1 MiB of an artifact's bytes (byte[]); a blob is one upload's chunks. */
    public static final String ARTIFACT_CHUNKS = "dtf-artifact-chunks";
    /** Upload id -> {@code PendingUpload}: an upload under way; abandoned ones are swept after an hour. */
    public static final String ARTIFACT_UPLOADS = "dtf-artifact-uploads";
    /** The bytes artifacts hold and uploads under way have reserved (atomic long), against the total bound. */
    public static final String ARTIFACT_BYTES = "dtf-artifact-bytes";

    private CacheNames() {
    }
}
