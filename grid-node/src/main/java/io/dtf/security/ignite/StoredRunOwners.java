package io.dtf.security.ignite;

import io.dtf.coordinator.ignite.RunRows;
import io.dtf.security.RunOwners;
import io.dtf.wire.CacheNames;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;

/**
 * Run owners as the coordinator stores them, in the runs cache: a run is stored before its id is
 * handed out, so every run a client can name is there.
 */
final class StoredRunOwners implements RunOwners {
    private final Ignite ignite;

    StoredRunOwners(Ignite ignite) {
        this.ignite = ignite;
    }

    @Override
    public Optional<Owner> of(String runId) {
        IgniteCache<String, Object> runs = ignite.cache(CacheNames.RUNS);
        Object row = runs == null ? null : runs.withKeepBinary().get(runId);
        return row == null ? Optional.empty() : Optional.of(new Owner(RunRows.read(row).owner()));
    }
}
