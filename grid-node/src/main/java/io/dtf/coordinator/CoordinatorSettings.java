package io.dtf.coordinator;

import java.time.Duration;

/**
 * The coordinator's settings in one place.
 *
 * @param idleTick          how long the loop waits for an event before it runs a round anyway
 * @param recordStartAfter  how long an attempt runs before its RUNNING state is stored; a shorter
 *                          one is stored once, with its end
 * @param fenceCheck        how often the loop checks that no newer coordinator took over
 * @param reportGrace       beyond its timeout, how long a running attempt with no compute future
 *                          here may stay silent
 * @param runRetention      how long an ended run is remembered; null: for as long as the coordinator lives
 * @param placement         how queued tasks are placed on workers
 * @param ageingInterval    a waiting task gains one priority level per interval, so nothing starves
 */
public record CoordinatorSettings(Duration idleTick, Duration recordStartAfter, Duration fenceCheck,
                                  Duration reportGrace, Duration runRetention, Placement placement,
                                  Duration ageingInterval) {

    public static CoordinatorSettings defaults() {
        return new CoordinatorSettings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100),
                Duration.ofSeconds(60), null, Placement.EARLIEST_FINISH,
                Duration.ofMinutes(5));
    }

    public CoordinatorSettings withRunRetention(Duration value) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, reportGrace, value, placement, ageingInterval);
    }

    public CoordinatorSettings withPlacement(Placement value) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, reportGrace, runRetention, value, ageingInterval);
    }

    public CoordinatorSettings withAgeingInterval(Duration value) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, reportGrace, runRetention, placement,
                value);
    }
}
