package io.dtf.coordinator;

import java.time.Duration;

/**
 * The coordinator's settings in one place: every interval, threshold and bound its classes use.
 *
 * @param idleTick          how long the loop waits for an event before it runs a round anyway
 * @param recordStartAfter  how long an attempt runs before its RUNNING state is stored; a shorter
 *                          one is stored once, with its end
 * @param fenceCheck        how often the loop checks that no newer coordinator took over
 * @param reportGrace       beyond its timeout, how long a running attempt with no compute future
 *                          here may stay silent
 * @param runRetention      how long an ended run is remembered; null: for as long as the coordinator lives
 * @param placement         how queued tasks are placed on workers
 * @param stopResend        how often a stop is sent again while its attempt still runs (the first may
 *                          reach the worker before the attempt started there)
 * @param forgetCheck       how often the loop looks for ended runs to forget
 * @param answerWait        how long a caller on another thread waits for the loop to answer
 * @param retakeAfter       how long an overtaken service instance waits before it takes over again
 * @param maxPendingWrites  store batches in flight before the loop waits for the oldest
 * @param quarantineAfter   different tasks failing in a row for infrastructure reasons that quarantine a worker
 * @param quarantineFor     how long a quarantine lasts
 * @param maxAlerts         alerts kept in memory, newest last
 * @param ageingInterval    a waiting task gains one priority level per interval, so nothing starves
 */
public record CoordinatorSettings(Duration idleTick, Duration recordStartAfter, Duration fenceCheck,
                                  Duration reportGrace, Duration runRetention, Placement placement,
                                  Duration stopResend, Duration forgetCheck, Duration answerWait,
                                  Duration retakeAfter, int maxPendingWrites, int quarantineAfter,
                                  Duration quarantineFor, int maxAlerts, Duration ageingInterval) {

    /** The settings of the first six components, the rest at their defaults. */
    public CoordinatorSettings(Duration idleTick, Duration recordStartAfter, Duration fenceCheck,
                               Duration reportGrace, Duration runRetention, Placement placement) {
        this(idleTick, recordStartAfter, fenceCheck, reportGrace, runRetention, placement, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(2), 4, 3, Duration.ofMinutes(5), 200,
                Duration.ofMinutes(5));
    }

    public static CoordinatorSettings defaults() {
        return new CoordinatorSettings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100),
                Duration.ofSeconds(60), null, Placement.EARLIEST_FINISH);
    }

    public CoordinatorSettings withRunRetention(Duration value) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, reportGrace, value, placement,
                stopResend, forgetCheck, answerWait, retakeAfter, maxPendingWrites, quarantineAfter, quarantineFor,
                maxAlerts, ageingInterval);
    }

    public CoordinatorSettings withPlacement(Placement value) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, reportGrace, runRetention, value,
                stopResend, forgetCheck, answerWait, retakeAfter, maxPendingWrites, quarantineAfter, quarantineFor,
                maxAlerts, ageingInterval);
    }

    public CoordinatorSettings withReportGrace(Duration value) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, value, runRetention, placement,
                stopResend, forgetCheck, answerWait, retakeAfter, maxPendingWrites, quarantineAfter, quarantineFor,
                maxAlerts, ageingInterval);
    }

    public CoordinatorSettings withStopResend(Duration value) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, reportGrace, runRetention, placement,
                value, forgetCheck, answerWait, retakeAfter, maxPendingWrites, quarantineAfter, quarantineFor,
                maxAlerts, ageingInterval);
    }

    /** Quarantine a worker after {@code after} different tasks failed on it in a row, for {@code duration}. */
    public CoordinatorSettings withQuarantine(int after, Duration duration) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, reportGrace, runRetention, placement,
                stopResend, forgetCheck, answerWait, retakeAfter, maxPendingWrites, after, duration, maxAlerts,
                ageingInterval);
    }

    public CoordinatorSettings withAgeingInterval(Duration value) {
        return new CoordinatorSettings(idleTick, recordStartAfter, fenceCheck, reportGrace, runRetention, placement,
                stopResend, forgetCheck, answerWait, retakeAfter, maxPendingWrites, quarantineAfter, quarantineFor,
                maxAlerts, value);
    }
}
