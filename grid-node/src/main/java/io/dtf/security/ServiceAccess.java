package io.dtf.security;

import io.dtf.client.AggregatorApi;
import io.dtf.client.CoordinatorApi;
import io.dtf.protocol.ReplyInbox;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call what: the one table of every DTF service method and the role it needs, checked on
 * every call to a node with security on (see {@code io.dtf.security.ignite.ServiceGuard}). A method
 * that is not here is refused to everyone: Ignite lets a thin client call any public method of a
 * service's class, {@code Service.cancel()} included.
 *
 * <p>Viewers read; submitters also submit and cancel their own runs; admins also cancel anyone's
 * runs, release quarantined workers, revoke tokens and read the audit log. {@code report} and the aggregator's {@code taskDurations} are for grid nodes only.
 */
public final class ServiceAccess {
    private static final Map<String, MethodAccess> COORDINATOR = Map.ofEntries(
            Map.entry("run", MethodAccess.needs(Role.VIEWER)),
            Map.entry("runs", MethodAccess.needs(Role.VIEWER)),
            Map.entry("tasks", MethodAccess.needs(Role.VIEWER)),
            Map.entry("waiting", MethodAccess.needs(Role.VIEWER)),
            Map.entry("results", MethodAccess.needs(Role.VIEWER)),
            // Blocks a while, so it is bounded by the service (how long, how many callers at once).
            Map.entry("awaitChange", MethodAccess.needs(Role.VIEWER)),
            Map.entry("workers", MethodAccess.needs(Role.VIEWER)),
            Map.entry("alerts", MethodAccess.needs(Role.VIEWER)),
            Map.entry("coordinator", MethodAccess.needs(Role.VIEWER)),
            Map.entry("submit", MethodAccess.needs(Role.SUBMITTER)),
            Map.entry("cancelRun", MethodAccess.ownRunsOr(Role.SUBMITTER)),
            Map.entry("release", MethodAccess.needs(Role.ADMIN)),
            Map.entry("revokeToken", MethodAccess.needs(Role.ADMIN)),
            // Artifacts a submitter's tasks name: sent through the service, since clients may not write caches.
            Map.entry("missingArtifacts", MethodAccess.needs(Role.SUBMITTER)),
            Map.entry("beginArtifact", MethodAccess.needs(Role.SUBMITTER)),
            Map.entry("putArtifactChunk", MethodAccess.needs(Role.SUBMITTER)),
            // A worker's reply for an attempt whose compute task is gone (ReplyInbox): forged, it would fake results.
            Map.entry("report", MethodAccess.needs(Role.NODE)));

    // Map.ofEntries: Map.of takes at most ten pairs.
    private static final Map<String, MethodAccess> AGGREGATOR = Map.ofEntries(
            Map.entry("results", MethodAccess.needs(Role.VIEWER)),
            Map.entry("analyze", MethodAccess.needs(Role.VIEWER)),
            Map.entry("conflicts", MethodAccess.needs(Role.VIEWER)),
            // Who did what on the grid, refusals included: for those who answer for it.
            Map.entry("audit", MethodAccess.needs(Role.ADMIN)),
            Map.entry("testDurations", MethodAccess.needs(Role.VIEWER)),
            Map.entry("tests", MethodAccess.needs(Role.VIEWER)),
            Map.entry("verdicts", MethodAccess.needs(Role.VIEWER)),
            // Results and trends, as the console shows them: reads of stored series.
            Map.entry("series", MethodAccess.needs(Role.VIEWER)),
            Map.entry("seriesDetail", MethodAccess.needs(Role.VIEWER)),
            Map.entry("compareRuns", MethodAccess.needs(Role.VIEWER)),
            Map.entry("matrix", MethodAccess.needs(Role.VIEWER)),
            Map.entry("bestConfigurations", MethodAccess.needs(Role.VIEWER)),
            // Quarantines come from the audit log, but only they: what the console's fault view shows anyone.
            Map.entry("faults", MethodAccess.needs(Role.VIEWER)),
            // What the coordinator's placement learns durations from: it calls as the grid node that hosts it.
            Map.entry("taskDurations", MethodAccess.needs(Role.NODE)));

    private static final Map<String, Map<String, MethodAccess>> BY_SERVICE = Map.of(
            CoordinatorApi.SERVICE_NAME, COORDINATOR,
            AggregatorApi.SERVICE_NAME, AGGREGATOR);

    private ServiceAccess() {
    }

    /** What calling {@code method} of service {@code service} needs; empty for a method no one may call. */
    public static Optional<MethodAccess> of(String service, String method) {
        return Optional.ofNullable(BY_SERVICE.getOrDefault(service, Map.of()).get(method));
    }

    /** The whole table, service name -> method -> access, for docs and tests. */
    public static Map<String, Map<String, MethodAccess>> table() {
        return BY_SERVICE;
    }
}
