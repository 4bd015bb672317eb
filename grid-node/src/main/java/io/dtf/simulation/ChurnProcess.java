package io.dtf.simulation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Drives {@link Churn}: each kind of change is a Poisson process over the whole grid, its next
 * occurrence scheduled when the previous one happens. A joining worker's class is drawn in
 * proportion to the workers file; a leaving or dying worker is drawn among the live ones.
 */
final class ChurnProcess {
    private static final double MS_PER_HOUR = 3_600_000;

    private final Churn churn;
    private final Events events;
    private final VirtualClock clock;
    private final SimulatedGrid grid;
    private final SimulatedDispatcher dispatcher;
    private final List<WorkerClass> classes;
    private final SplittableRandom random;
    private final SimulationCounts counts;

    ChurnProcess(Churn churn, Events events, VirtualClock clock, SimulatedGrid grid, SimulatedDispatcher dispatcher,
                 List<WorkerClass> classes, SplittableRandom random) {
        this.churn = churn;
        this.events = events;
        this.clock = clock;
        this.grid = grid;
        this.dispatcher = dispatcher;
        this.classes = classes;
        this.random = random;
        this.counts = dispatcher.counts();
    }

    void start() {
        schedule(churn.joinsPerHour(), this::join);
        schedule(churn.leavesPerHour(), this::leave);
        schedule(churn.deathsPerHour(), this::die);
    }

    private void schedule(double perHour, Runnable change) {
        if (perHour <= 0) {
            return;
        }
        long gap = Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) / perHour * MS_PER_HOUR));
        events.at(clock.millis() + gap, () -> {
            change.run();
            schedule(perHour, change);
        });
    }

    private void join() {
        long total = classes.stream().mapToLong(WorkerClass::count).sum();
        long pick = random.nextLong(total);
        for (WorkerClass c : classes) {
            pick -= c.count();
            if (pick < 0) {
                grid.join(c);
                counts.joins++;
                return;
            }
        }
    }

    private void leave() {
        SimulatedWorker w = pickLive();
        if (w != null) {
            counts.leaves++;
            grid.remove(w);
            dispatcher.lost(w);
        }
    }

    private void die() {
        SimulatedWorker w = pickLive();
        if (w != null) {
            counts.deaths++;
            w.dead = true;
            events.at(clock.millis() + churn.detection().toMillis(), () -> {
                grid.remove(w);
                dispatcher.lost(w);
            });
        }
    }

    private SimulatedWorker pickLive() {
        List<SimulatedWorker> alive = grid.all().stream().filter(w -> !w.dead).toList();
        return alive.isEmpty() ? null : alive.get(random.nextInt(alive.size()));
    }
}
