package io.dtf.security;

import java.util.Optional;

/** Who submitted a run, for the rule that a submitter cancels only its own runs. */
@FunctionalInterface
public interface RunOwners {
    /**
     * Empty when the grid knows no run {@code runId}; otherwise the run's owner, whose subject is null
     * for a run stored without one (submitted while security was off, or before runs had owners).
     */
    Optional<Owner> of(String runId);

    /** @param subject the submitting token's subject, or null */
    record Owner(String subject) {
    }
}
