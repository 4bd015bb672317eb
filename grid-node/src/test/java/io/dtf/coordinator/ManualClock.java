package io.dtf.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that moves only when a test moves it. */
final class ManualClock implements InstantSource {
    private Instant now;

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves the clock on by {@code d} and returns the new time. */
    Instant advance(Duration d) {
        now = now.plus(d);
        return now;
    }
}
