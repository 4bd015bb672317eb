package io.dtf.coordinator.ignite;

import io.dtf.coordinator.GridCapacity;
import io.dtf.node.RoleFilter;
import io.dtf.node.Roles;
import java.util.Collection;
import java.util.Optional;
import org.apache.ignite.DataRegionMetrics;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterGroup;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every data node's default data region (maximum and used bytes; region metrics are switched
 * on by {@code dtf node}) and sums them into a {@link GridCapacity}. Region metrics are local to a
 * node, so each data node answers for itself through a small compute job.
 */
public final class RegionUsage implements IgniteCallable<long[]> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RegionUsage.class);
    private static final long TIMEOUT_MS = 5_000;

    @IgniteInstanceResource
    private transient Ignite local;

    /** The grid's capacity, or empty when the data nodes did not answer in time (admission then skips the check). */
    public static Optional<GridCapacity> of(Ignite ignite, int backups) {
        ClusterGroup data = ignite.cluster().forPredicate(new RoleFilter(Roles.DATA));
        int nodes = data.nodes().size();
        if (nodes == 0) {
            return Optional.empty();
        }
        try {
            Collection<long[]> answers = ignite.compute(data).withTimeout(TIMEOUT_MS).broadcast(new RegionUsage());
            long max = 0;
            long used = 0;
            for (long[] a : answers) {
                max += a[0];
                used += a[1];
            }
            return Optional.of(new GridCapacity(max, used, Math.min(nodes, backups + 1)));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the data nodes' memory; admitting without a capacity check: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public long[] call() {
        DataStorageConfiguration storage = local.configuration().getDataStorageConfiguration();
        String name = storage.getDefaultDataRegionConfiguration().getName();
        DataRegionMetrics metrics = local.dataRegionMetrics(name);
        long max = storage.getDefaultDataRegionConfiguration().getMaxSize();
        return new long[] {max, metrics == null ? 0 : metrics.getTotalUsedSize()};
    }
}
