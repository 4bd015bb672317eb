package io.dtf.security;

import io.dtf.client.AccessDeniedException;
import io.dtf.security.token.TokenRejectedException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a service call may go ahead, from the {@link ServiceAccess} table, the call's token
 * and, for a call about a run, who owns the run. Plain Java: the Ignite side
 * ({@code io.dtf.security.ignite.ServiceGuard}) hands it what the call carried.
 */
public final class ServiceCallCheck {
    /** How a token arrives in the call context attribute: {@code Bearer <jwt>}. */
    static final String BEARER = "Bearer ";

    private final VerifiedTokens verifier;
    private final RunOwners owners;

    public ServiceCallCheck(VerifiedTokens verifier, RunOwners owners) {
        this.verifier = verifier;
        this.owners = owners;
    }

    /**
     * The caller, allowed to make this call.
     *
     * @param authorization the call context's {@code authorization} attribute, or null when it had none
     * @param gridNode      the id of the grid node that made the call, when Ignite's security vouches
     *                      for it (an admitted node, not a thin client); empty otherwise
     * @throws Refusal when the call may not go ahead, saying why (and who asked, if known)
     */
    public Principal check(String service, String method, Object[] args, String authorization,
                           Optional<String> gridNode) {
        String call = service + "." + method;
        Principal caller = caller(call, authorization, gridNode);
        MethodAccess access = ServiceAccess.of(service, method).orElseThrow(() -> new Refusal(caller,
                new AccessDeniedException("NOT_A_CLIENT_CALL", call + " is not a method clients may call")));
        if (!caller.role().grants(access.role())) {
            throw new Refusal(caller, new AccessDeniedException(TokenRejectedException.Reason.WRONG_ROLE.name(),
                    caller.subject() + " has role " + caller.role().label() + "; " + call + " needs "
                            + access.describe() + ": ask an admin for a token with that role"));
        }
        if (access.ownRuns() && !caller.role().grants(Role.ADMIN)) {
            checkOwner(call, caller, args.length == 0 || args[0] == null ? null : String.valueOf(args[0]));
        }
        return caller;
    }

    private Principal caller(String call, String authorization, Optional<String> gridNode) {
        if (authorization == null && gridNode.isPresent()) {
            return new Principal("node " + gridNode.get(), Role.NODE, "node-session", Instant.MAX, List.of(),
                    List.of());
        }
        try {
            if (authorization != null && !authorization.startsWith(BEARER)) {
                throw new TokenRejectedException(TokenRejectedException.Reason.MALFORMED, "the call's "
                        + "authorization is not 'Bearer <token>': send the token as DTF's clients do");
            }
            return verifier.verify(authorization == null ? null : authorization.substring(BEARER.length()));
        } catch (TokenRejectedException e) {
            throw new Refusal(null, new AccessDeniedException(e.reason().name(), call + " refused: " + e.getMessage()));
        }
    }

    private void checkOwner(String call, Principal caller, String runId) {
        Optional<RunOwners.Owner> owner = runId == null ? Optional.empty() : owners.of(runId);
        if (owner.isEmpty()) {
            return; // no such run: the service itself says so
        }
        String subject = owner.get().subject();
        if (subject == null) {
            throw new Refusal(caller, new AccessDeniedException("NOT_OWNER", call + ": run " + runId
                    + " has no recorded owner (submitted while security was off); only an admin may cancel it"));
        }
        if (!subject.equals(caller.subject())) {
            throw new Refusal(caller, new AccessDeniedException("NOT_OWNER", call + ": run " + runId
                    + " was submitted by " + subject + ", not " + caller.subject()
                    + "; a submitter cancels only its own runs, an admin anyone's"));
        }
    }

    /**
     * A call refused: what the caller is told, and who it was when its token was good (for the audit).
     */
    public static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Principal caller;
        private final AccessDeniedException denied;

        Refusal(Principal caller, AccessDeniedException denied) {
            super(denied.getMessage(), null, false, false);
            this.caller = caller;
            this.denied = denied;
        }

        /** Who asked, or empty when the token was missing or refused. */
        public Optional<Principal> caller() {
            return Optional.ofNullable(caller);
        }

        /** What the caller is told. */
        public AccessDeniedException denied() {
            return denied;
        }

        /** Whether the token itself was refused (rather than its role being too low for the call). */
        public boolean tokenRefused() {
            return caller == null;
        }
    }
}
