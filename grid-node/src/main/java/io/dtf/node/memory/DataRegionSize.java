package io.dtf.node.memory;

import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Sizes a node's default data region (where DTF's caches live, off the Java heap): the
 * {@value MemorySettings#DATA_REGION_MAX} setting when given, else the config's own {@code maxSize}
 * when it sets one, else a share of the machine's memory (see {@link MemorySettings#defaultRegionBytes}).
 * A fixed size either dies of {@code IgniteOutOfMemoryException} on a big machine's workload or takes
 * too much of a small machine.
 */
public final class DataRegionSize {
    private DataRegionSize() {
    }

    /** Sets the default region's maximum (and metrics, which admission reads); returns the maximum. */
    public static long apply(IgniteConfiguration cfg, Long override, long physicalBytes) {
        DataStorageConfiguration storage = cfg.getDataStorageConfiguration();
        if (storage == null) {
            storage = new DataStorageConfiguration();
            cfg.setDataStorageConfiguration(storage);
        }
        DataRegionConfiguration region = storage.getDefaultDataRegionConfiguration();
        boolean configured = region.getMaxSize() != DataStorageConfiguration.DFLT_DATA_REGION_MAX_SIZE;
        long max = override != null ? override
                : configured ? region.getMaxSize()
                : MemorySettings.defaultRegionBytes(physicalBytes);
        region.setMaxSize(max);
        if (region.getInitialSize() > max) {
            region.setInitialSize(max);
        }
        region.setMetricsEnabled(true);
        return max;
    }
}
