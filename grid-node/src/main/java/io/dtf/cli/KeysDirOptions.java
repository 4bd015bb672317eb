package io.dtf.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the grid's keys are: the directory {@code dtf keys init} makes, with the token keys in
 * {@code jwt/} and the TLS material in {@code tls/}.
 */
final class KeysDirOptions {
    static final String DEFAULT = "dtf-keys";
    /** The token keys ({@code io.dtf.security.token.SigningKeys}) inside the keys directory. */
    static final String JWT = "jwt";
    /** The TLS material inside the keys directory. */
    static final String TLS = "tls";

    @Option(names = "--keys", paramLabel = "DIR", defaultValue = DEFAULT,
            description = "The grid's keys directory: token keys in DIR/jwt, TLS material in DIR/tls "
                    + "(default: ${DEFAULT-VALUE}).")
    Path dir;

    Path dir() {
        return dir;
    }

    /** The token keys' directory. */
    Path jwt() {
        return dir.resolve(JWT);
    }

    /** The TLS material's directory. */
    Path tls() {
        return dir.resolve(TLS);
    }
}
