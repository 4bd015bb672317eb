package io.dtf.node;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles a node may take: the comma list in attribute {@code dtf.roles}. */
public final class Roles {
    public static final String COORDINATOR = "coordinator";
    public static final String DATA = "data";
    public static final String WORKER = "worker";
    public static final String AGGREGATOR = "aggregator";
    public static final String CONSOLE = "console";
    public static final List<String> ALL = List.of(COORDINATOR, DATA, WORKER, AGGREGATOR, CONSOLE);

    private Roles() {
    }

    /** Parses {@code "coordinator,data"}; an unknown role is an error naming the valid ones. */
    public static Set<String> parse(String commaList) {
        Set<String> roles = Arrays.stream(commaList.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String role : roles) {
            if (!ALL.contains(role)) {
                throw new IllegalArgumentException("roles: unknown role '" + role + "'; use any of " + String.join(", ", ALL));
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("roles: give at least one of " + String.join(", ", ALL));
        }
        return roles;
    }

    /** Whether a {@code dtf.roles} attribute value contains {@code role}. */
    public static boolean has(Object rolesAttribute, String role) {
        if (rolesAttribute == null) {
            return false;
        }
        for (String r : rolesAttribute.toString().split(",")) {
            if (r.strip().equals(role)) {
                return true;
            }
        }
        return false;
    }
}
