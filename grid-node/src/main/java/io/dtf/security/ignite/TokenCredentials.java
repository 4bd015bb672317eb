package io.dtf.security.ignite;

import org.apache.ignite.plugin.security.SecurityCredentials;

/**
 * The credentials convention of a secured grid: user name {@value #USER}, password the token. Nodes
 * send them at join (discovery), thin clients at connect.
 */
public final class TokenCredentials {
    /** The user name that says "the password is a DTF token". */
    public static final String USER = "dtf-token";

    private TokenCredentials() {
    }

    /** Credentials that present {@code token}. */
    public static SecurityCredentials of(String token) {
        return new SecurityCredentials(USER, token);
    }

    /**
     * The token in {@code credentials}, or null when there is none.
     *
     * @throws IllegalArgumentException for credentials of another shape, saying what a grid expects
     */
    static String token(SecurityCredentials credentials) {
        if (credentials == null || (credentials.getLogin() == null && credentials.getPassword() == null)) {
            return null;
        }
        if (!USER.equals(credentials.getLogin()) || !(credentials.getPassword() instanceof String token)) {
            throw new IllegalArgumentException("credentials: the user name must be " + USER
                    + " and the password a DTF token");
        }
        return token;
    }
}
