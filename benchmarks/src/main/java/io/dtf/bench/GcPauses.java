package io.dtf.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The collector's stop-the-world collections so far in this JVM, as counted by its MX beans: to
 * tell which latency samples had a pause fall inside them. With G1 that is every young and mixed
 * collection and any full one (a concurrent cycle's short remark and cleanup pauses are not counted).
 */
final class GcPauses {
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private GcPauses() {
    }

    /** Collections so far. */
    static long count() {
        long n = 0;
        for (GarbageCollectorMXBean c : COLLECTORS) {
            n += Math.max(0, c.getCollectionCount());
        }
        return n;
    }

    /** Milliseconds spent in collections so far. */
    static long millis() {
        long ms = 0;
        for (GarbageCollectorMXBean c : COLLECTORS) {
            ms += Math.max(0, c.getCollectionTime());
        }
        return ms;
    }
}
