package io.dtf.security;

/**
 * What a caller needs to call one service method.
 *
 * @param role      the least role that may call it ({@link Role#NODE}: grid nodes only)
 * @param ownRuns   the first argument is a run id, and a caller below {@link Role#ADMIN} may only name
 *                  runs it submitted itself
 */
public record MethodAccess(Role role, boolean ownRuns) {
    public static MethodAccess needs(Role role) {
        return new MethodAccess(role, false);
    }

    /** {@code role} for the caller's own runs, {@link Role#ADMIN} for anyone's. */
    public static MethodAccess ownRunsOr(Role role) {
        return new MethodAccess(role, true);
    }

    /** How the role table and refusals say it: {@code submitter (own runs; admin for anyone's)}. */
    public String describe() {
        return ownRuns ? role.label() + " (own runs; admin for anyone's)" : role.label();
    }
}
