package io.dtf.worker.ignite;

import io.dtf.client.CoordinatorApi;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.ReplyInbox;
import io.dtf.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the replies of attempts that outlived their coordinator. The coordinator service comes
 * back on another node within seconds; until it does, delivery is retried. A reply that still
 * cannot be delivered is kept in {@link WorkerAttempts} for the new coordinator's reconcile.
 */
final class OrphanReports {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanReports.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    private static final long RETRY_MS = 1_000;
    private static final ExecutorService SENDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dtf-orphan-reports");
        t.setDaemon(true);
        return t;
    });

    private OrphanReports() {
    }

    static void deliver(Ignite ignite, JobReply reply) {
        SENDER.execute(() -> send(ignite, reply));
    }

    private static void send(Ignite ignite, JobReply reply) {
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
        String json = Json.write(reply);
        while (Instant.now().isBefore(deadline)) {
            try {
                ignite.services().serviceProxy(CoordinatorApi.SERVICE_NAME, ReplyInbox.class, false, 10_000)
                        .report(json);
                LOG.info("attempt {} of {} reported to the new coordinator", reply.attemptId(), reply.taskKey());
                return;
            } catch (RuntimeException e) {
                LOG.debug("coordinator not reachable yet for {}: {}", reply.taskKey(), e.toString());
            }
            try {
                Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("attempt {} of {}: no coordinator took its reply within {}", reply.attemptId(), reply.taskKey(),
                GIVE_UP_AFTER);
    }
}
