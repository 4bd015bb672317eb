package io.dtf.console.api;

/**
 * Who the console takes the caller for.
 *
 * @param role    viewer, submitter or admin
 * @param secured whether the grid's security is on (off: everyone on this machine is admin)
 */
public record Me(String subject, String role, boolean secured) {
}
