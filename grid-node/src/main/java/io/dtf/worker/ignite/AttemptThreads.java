package io.dtf.worker.ignite;

import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ignite.Ignite;

/**
 * The threads attempts run on, one per running attempt, reused: a batch's attempts run at once
 * however many it holds. Unbounded, since the coordinator never sends a worker more attempts than
 * it has slots; idle threads end after a minute.
 */
final class AttemptThreads {
    private static final String KEY = "dtf.worker.attempt-threads";

    private AttemptThreads() {
    }

    static ExecutorService of(Ignite ignite) {
        ConcurrentMap<String, ExecutorService> map = ignite.cluster().nodeLocalMap();
        return map.computeIfAbsent(KEY, k -> {
            AtomicInteger n = new AtomicInteger();
            String prefix = "dtf-attempt-" + ignite.name() + "-";
            return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        });
    }
}
