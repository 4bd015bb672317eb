package io.dtf.node;

import io.dtf.coordinator.ignite.RunRows;
import io.dtf.coordinator.ignite.TaskRows;
import io.dtf.wire.CacheNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javax.cache.CacheException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.query.QueryUtils;
import org.apache.ignite.internal.util.typedef.X;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTF's caches: partitioned over the {@code data} nodes with one backup, so a worker joining or
 * leaving moves no data and any single data node may die without loss. Writes wait for the backup
 * (FULL_SYNC): a result acknowledged is a result on two nodes.
 */
public final class DtfCaches {
    /** Artifact chunks are 1 MiB each: 128 partitions spread them over dozens of data nodes at little cost. */
    private static final int CHUNK_PARTITIONS = 128;
    private static final Logger LOG = LoggerFactory.getLogger(DtfCaches.class);
    private static final long CACHE_POLL_MS = 200;
    private static final String STATE_CHANGE = "cluster state change is in progress";
    /** A baseline change moves partitions: seconds, rarely more; a grid stuck longer is worth an error. */
    private static final Duration STATE_CHANGE_WAIT = Duration.ofMinutes(2);

    private DtfCaches() {
    }

    @SuppressWarnings("rawtypes")
    public static List<CacheConfiguration> configurations() {
        return List.of(
                // Runs and task states are SQL tables (binary rows), which the console pages through.
                // The primary key index inlines whole keys too (see TaskRows.INLINE_SIZE).
                DtfCaches.<String, Object>config(CacheNames.RUNS).setQueryEntities(List.of(RunRows.entity()))
                        .setSqlIndexMaxInlineSize(TaskRows.INLINE_SIZE),
                DtfCaches.<String, Object>config(CacheNames.TASKS).setQueryEntities(List.of(TaskRows.entity()))
                        .setSqlIndexMaxInlineSize(TaskRows.INLINE_SIZE),
                config(CacheNames.TASK_SPECS),
                config(CacheNames.RESULTS),
                // The checkpoint SPI's cache (ignite-base.xml): it must exist before any job saves.
                config(CacheNames.CHECKPOINTS),
                // Which workers have finished starting: the coordinator sends attempts to those only.
                config(CacheNames.READY_WORKERS),
                // Revoked tokens: each entry expires when its revocation ends (see CacheRevocationList).
                small(CacheNames.REVOKED_TOKENS),
                // Who did what: written by every node's AuditLog, emptied by the aggregator once replicated.
                small(CacheNames.AUDIT),
                // The node key registry: the report keys results are verified against.
                small(CacheNames.NODE_KEYS),
                // Content-addressed artifacts: what the grid holds, their bytes in 1 MiB chunks, uploads under way.
                // Few entries (chunks are large), so few partitions: enough to spread chunks over the data nodes.
                small(CacheNames.ARTIFACTS),
                DtfCaches.<String, byte[]>config(CacheNames.ARTIFACT_CHUNKS)
                        .setAffinity(new RendezvousAffinityFunction(false, CHUNK_PARTITIONS)),
                small(CacheNames.ARTIFACT_UPLOADS));
    }

    /** Creates the caches when missing; safe to call from every node at start-up. */
    public static void ensure(Ignite ignite) {
        create(ignite, configurations());
        addMissingTables(ignite);
    }

    /**
     * Creates the caches when missing. Ignite refuses to while the grid's state or baseline is
     * changing ("cluster state change is in progress"), as it is for a second or so after a
     * persistent data node adds itself to the baseline: a node starting then waits that out
     * instead of failing to start.
     */
    @SuppressWarnings("rawtypes")
    static void create(Ignite ignite, Collection<CacheConfiguration> configurations) {
        Instant deadline = Instant.now().plus(STATE_CHANGE_WAIT);
        for (boolean told = false; ; told = true) {
            try {
                ignite.getOrCreateCaches(configurations);
                return;
            } catch (CacheException e) {
                // Ignite says so only in the message of the IgniteCheckedException it wraps.
                if (!X.hasCause(e, STATE_CHANGE, IgniteCheckedException.class) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                if (!told) {
                    LOG.info("the grid's state or baseline is changing: creating its caches once that is over");
                }
                try {
                    Thread.sleep(CACHE_POLL_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * On a client node: waits until a server node has created every DTF cache, then opens each here
     * (a client's view of an existing cache starts locally, without a grid-wide change).
     *
     * @param progress told once what the node waits for, if it has to wait
     */
    public static void await(Ignite ignite, Consumer<String> progress) throws InterruptedException {
        boolean told = false;
        for (CacheConfiguration<?, ?> c : configurations()) {
            while (!ignite.cacheNames().contains(c.getName())) {
                if (!told) {
                    String message = "waiting for a data node to create the grid's caches (" + c.getName() + " first)";
                    LOG.info(message);
                    progress.accept(message);
                    told = true;
                }
                Thread.sleep(CACHE_POLL_MS);
            }
            ignite.cache(c.getName());
        }
    }

    /**
     * A persistent grid keeps the cache configurations it was created with: one created by a version
     * without SQL tables gets them here, as Ignite's "enable indexing" does (an internal API: the
     * public one has no way to add a table to an existing cache). Its rows become visible to SQL
     * once rewritten as binary rows (see {@code CacheCoordinatorStore}).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void addMissingTables(Ignite ignite) {
        for (CacheConfiguration wanted : configurations()) {
            Collection<QueryEntity> entities = wanted.getQueryEntities();
            if (entities.isEmpty() || !ignite.cache(wanted.getName()).getConfiguration(CacheConfiguration.class)
                    .getQueryEntities().isEmpty()) {
                continue;
            }
            String schema = QueryUtils.normalizeSchemaName(wanted.getName(), wanted.getSqlSchema());
            try {
                ((IgniteEx) ignite).context().query().dynamicAddQueryEntity(wanted.getName(), schema,
                        entities.iterator().next(), wanted.getQueryParallelism(), wanted.isSqlEscapeAll()).get();
                LOG.info("added the SQL table of cache {} (created by an earlier version)", wanted.getName());
            } catch (IgniteCheckedException e) {
                // Another node starting at the same time may have added it first.
                if (ignite.cache(wanted.getName()).getConfiguration(CacheConfiguration.class).getQueryEntities().isEmpty()) {
                    throw new IllegalStateException("cannot add the SQL table of cache " + wanted.getName(), e);
                }
            }
        }
    }

    /**
     * A cache that holds little at any time: 32 partitions rather than Ignite's 1,024, since every
     * partition takes pages of the data region on each data node even when empty (three such caches
     * at 1,024 took a quarter of a 100 MiB region before any task was submitted).
     */
    private static <K, V> CacheConfiguration<K, V> small(String name) {
        return DtfCaches.<K, V>config(name).setAffinity(new RendezvousAffinityFunction(false, 32));
    }

    private static <K, V> CacheConfiguration<K, V> config(String name) {
        return new CacheConfiguration<K, V>(name)
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(1)
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setNodeFilter(new RoleFilter(Roles.DATA));
    }
}
