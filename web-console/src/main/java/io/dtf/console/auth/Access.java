package io.dtf.console.auth;

import io.dtf.security.Role;
import io.javalin.security.RouteRole;

/**
 * The least role a route needs, declared where the route is registered:
 * {@code app.get("/api/runs", handler, Access.VIEWER)}. A route declared with none is refused.
 */
public enum Access implements RouteRole {
    /** Anyone, logged in or not: the login page, static files, {@code /api/health}. */
    PUBLIC(null),
    VIEWER(Role.VIEWER),
    SUBMITTER(Role.SUBMITTER),
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The token role this access needs, or null for {@link #PUBLIC}. */
    public Role role() {
        return role;
    }
}
