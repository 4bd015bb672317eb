package io.dtf.node;

import io.dtf.hardware.HardwareKeys;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.spi.discovery.tcp.internal.TcpDiscoveryNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a killed client worker at once. A server node that loses a neighbour in the discovery ring
 * sees its socket close and fails it within a second; a client node's server sees its connection
 * close too, but Ignite fails the client only when it has been silent for the whole
 * {@code clientFailureDetectionTimeout} (10 s): a kill -9 of a client worker would hold its attempts
 * that long. So every server node pings, each {@link #EVERY}, the client workers connected to it (a
 * ping answered over that connection, nothing crosses the grid); one whose connection is gone
 * answers "no" at once, and is failed then. A
 * ping that fails only after a long wait (a live client that is slow to answer, say in a long
 * garbage collection) is left to Ignite's own timeout, as a silent server node is.
 */
final class ClientWorkerWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientWorkerWatch.class);
    static final Duration EVERY = Duration.ofSeconds(1);
    /** A "no" that comes quicker than this means the connection is gone, not that the node is slow. */
    static final Duration PROMPT = Duration.ofMillis(500);

    private final Ignite ignite;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dtf-client-worker-watch");
        t.setDaemon(true);
        return t;
    });

    /** Set first when the node stops: a ping its stop cut short must not fail a live client. */
    private volatile boolean closed;

    private ClientWorkerWatch(Ignite ignite) {
        this.ignite = ignite;
    }

    static ClientWorkerWatch start(Ignite ignite) {
        ClientWorkerWatch watch = new ClientWorkerWatch(ignite);
        watch.timer.scheduleWithFixedDelay(watch::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void check() {
        try {
            UUID local = ignite.cluster().localNode().id();
            for (ClusterNode node : ignite.cluster().forClients().nodes()) {
                // Internal: which server a client is connected to; each server looks after its own clients.
                if (node instanceof TcpDiscoveryNode client && local.equals(client.clientRouterNodeId())
                        && Roles.has(node.attribute(HardwareKeys.ROLES), Roles.WORKER)) {
                    check(node.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("client worker check skipped: {}", e.toString()); // the node is stopping, or the grid is changing
        }
    }

    private void check(UUID id) {
        long started = System.nanoTime();
        boolean alive = ignite.cluster().pingNode(id);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (!connectionGone(alive, tookMs, closed, Thread.currentThread().isInterrupted())
                || ignite.cluster().node(id) == null) {
            return;
        }
        LOG.warn("client worker {} lost its connection to the grid (ping refused in {} ms): failing it now rather"
                + " than after the client failure-detection timeout", id, tookMs);
        ((IgniteEx) ignite).context().discovery().failNode(id, "DTF: the client worker's connection is gone");
    }

    /**
     * Whether a ping's answer means the client's connection is gone: a prompt "no", not one that
     * this node's own stop cut short ({@code closed}, {@code interrupted}) or that came late (a
     * live client slow to answer).
     */
    static boolean connectionGone(boolean alive, long tookMs, boolean closed, boolean interrupted) {
        return !alive && !closed && !interrupted && tookMs < PROMPT.toMillis();
    }

    @Override
    public void close() {
        closed = true;
        // Not shutdownNow(): an interrupted ping answers "no" at once, which reads as a dead client.
        timer.shutdown();
        try {
            if (!timer.awaitTermination(PROMPT.toMillis() * 4, TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
