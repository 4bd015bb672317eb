package io.dtf.console.machines;

import java.time.Instant;

/** Tasks that reached a final state in the minute starting at {@code at}. */
public record ThroughputPoint(Instant at, int finished) {
}
