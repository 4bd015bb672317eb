package io.dtf.console.auth;

import io.dtf.security.Role;
import io.javalin.http.Context;

/**
 * Who made a request, as {@link AccessCheck} found out before the route ran.
 *
 * @param subject who the token was issued to; {@code local} while security is off
 * @param role    what the caller may do
 * @param bearer  the caller's token, passed on to the grid's services so that they check it too and
 *                record the caller as a run's owner; null while security is off
 */
public record Caller(String subject, Role role, String bearer) {
    private static final String ATTRIBUTE = "dtf.caller";

    /** Everyone, while security is off: the console then listens on the loopback interface only. */
    public static Caller local() {
        return new Caller("local", Role.ADMIN, null);
    }

    /** The caller of a request that passed {@link AccessCheck}. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller on " + ctx.path() + ": the route ran before the access check");
        }
        return caller;
    }

    /** The caller of a public route when the request showed a good token (the access check verified it), else null. */
    static Caller ifShown(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    void attach(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }
}
