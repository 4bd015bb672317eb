package io.dtf.simulation;

import java.time.Instant;
import java.time.InstantSource;

/** The simulation's time: it moves only when the simulation advances it, and never backwards. */
final class VirtualClock implements InstantSource {
    /** Where virtual time starts: a fixed instant, so the same inputs give the same run. */
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private long millis = START.toEpochMilli();

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
        return millis;
    }

    void advanceTo(long epochMillis) {
        if (epochMillis < millis) {
            throw new IllegalStateException("virtual time cannot go back from " + millis + " to " + epochMillis);
        }
        millis = epochMillis;
    }

    /** Milliseconds since {@link #START}. */
    long elapsed() {
        return millis - START.toEpochMilli();
    }
}
