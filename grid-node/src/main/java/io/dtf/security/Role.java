package io.dtf.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token lets its holder do. People get {@link #VIEWER}, {@link #SUBMITTER} or {@link #ADMIN},
 * each including the one before; {@link #NODE} is for grid nodes only and grants no client call.
 */
public enum Role {
    /** Reads runs, tasks, results, workers, alerts. */
    VIEWER,
    /** Also submits suites and cancels its own runs. */
    SUBMITTER,
    /** Also cancels anyone's runs, releases quarantined workers, manages tokens. */
    ADMIN,
    /** A grid node joining the cluster. */
    NODE;

    /** Whether a holder of this role may do what {@code needed} may. */
    public boolean grants(Role needed) {
        if (this == NODE || needed == NODE) {
            return this == needed;
        }
        return ordinal() >= needed.ordinal();
    }

    /** The name as written in tokens and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer}, {@code submitter}, {@code admin} or {@code node}, naming them when the text is none. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("role '" + text + "' is not one of "
                + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
    }
}
