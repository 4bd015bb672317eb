package io.dtf.coordinator;

import java.util.ArrayList;
import java.util.List;

/**
 * Coordinators under test, each running its loop on a thread of its own, stopped together after the
 * test. A test that replaces a coordinator (a takeover) starts the next one here too.
 */
final class CoordinatorLoops {
    private final List<Coordinator> coordinators = new ArrayList<>();
    private final List<Thread> loops = new ArrayList<>();

    /** Starts {@code coordinator}'s loop and returns it. */
    Coordinator start(Coordinator coordinator) {
        Thread loop = new Thread(coordinator::run, "test-coordinator-" + coordinators.size());
        coordinators.add(coordinator);
        loops.add(loop);
        loop.start();
        return coordinator;
    }

    /** The coordinator started last: the one a predecessor forwards its late replies to. */
    Coordinator latest() {
        return coordinators.get(coordinators.size() - 1);
    }

    /** The loop thread of the {@code i}th coordinator started. */
    Thread loop(int i) {
        return loops.get(i);
    }

    /** Stops every coordinator and waits for its loop to end. */
    void stopAll() throws InterruptedException {
        coordinators.forEach(Coordinator::stop);
        for (Thread t : loops) {
            t.join(5_000);
        }
    }
}
