package io.dtf.worker.ignite;

import io.dtf.protocol.ReplyTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies of one batch's ended attempts, sent to the coordinator's node ahead of the batch's
 * result ({@link ReplyTopic}). Replies that end while a message is being sent go together in the
 * next one, so a batch whose attempts end together costs a few messages, not one each. What was
 * not sent (still queued when the batch ends, or its message failed) goes back with the batch's
 * result instead.
 */
final class EarlyReplies {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyReplies.class);

    private final Ignite ignite;
    private final UUID coordinatorNode;
    private final Queue<AttemptRun> queued = new ConcurrentLinkedQueue<>();
    private final Queue<AttemptRun> unsent = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    EarlyReplies(Ignite ignite, UUID coordinatorNode) {
        this.ignite = ignite;
        this.coordinatorNode = coordinatorNode;
    }

    /** Queues an ended attempt's reply for the next message. */
    void add(AttemptRun ended) {
        queued.add(ended);
    }

    /** Keeps an ended attempt's reply for the batch's result. */
    void hold(AttemptRun ended) {
        unsent.add(ended);
    }

    /** Sends what is queued, unless another thread is sending already: it takes what was queued meanwhile. */
    void send() {
        while (!queued.isEmpty() && sending.compareAndSet(false, true)) {
            List<AttemptRun> batch = new ArrayList<>();
            try {
                for (AttemptRun r; (r = queued.poll()) != null; ) {
                    batch.add(r);
                }
                if (!batch.isEmpty()) {
                    List<String> replies = new ArrayList<>(batch.size());
                    batch.forEach(r -> replies.add(r.replyJson()));
                    // As one Object: the Collection overload of send() would send each element as a message.
                    ignite.message(ignite.cluster().forNodeId(coordinatorNode)).send(ReplyTopic.NAME, (Object) replies);
                }
            } catch (RuntimeException e) {
                LOG.debug("{} early repl(ies) not sent ({}); they go with their batch", batch.size(), e.toString());
                unsent.addAll(batch);
            } finally {
                sending.set(false);
            }
        }
    }

    /** The ended attempts whose reply was not sent: for the batch's result, once no attempt of it runs any more. */
    List<AttemptRun> unsent() {
        List<AttemptRun> out = new ArrayList<>(unsent);
        out.addAll(queued);
        return out;
    }
}
