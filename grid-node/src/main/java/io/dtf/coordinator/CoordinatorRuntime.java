package io.dtf.coordinator;

import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/**
 * What the coordinator takes from its surroundings: the time, randomness and the thread its store
 * writes run on. A grid node uses the system's; a simulation passes a virtual clock, a seeded
 * random source and a direct executor, and drives the coordinator with {@link Coordinator#step}.
 *
 * @param writes runs the store writes, in order (one thread, or the caller's)
 */
public record CoordinatorRuntime(InstantSource clock, RandomGenerator random, Executor writes) {

    /** The system clock, a random seed, and one daemon thread for the writes. */
    public static CoordinatorRuntime system() {
        return new CoordinatorRuntime(InstantSource.system(), new SplittableRandom(),
                Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "dtf-coordinator-store");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /** {@code clock}, randomness from {@code seed}, writes on the caller's thread: the same inputs give the same run. */
    public static CoordinatorRuntime simulated(InstantSource clock, long seed) {
        return new CoordinatorRuntime(clock, new SplittableRandom(seed), Runnable::run);
    }
}
