package io.dtf.model;

import java.time.Instant;

/** Something an operator should look at, e.g. a worker put into quarantine. */
public record Alert(Instant at, String subject, String message) {
}
