package io.dtf.cli;

import io.dtf.security.GridSecurity;
import io.dtf.security.ignite.NodeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code dtf node} joins a grid with security on (a node started from config/ignite-secure.xml):
 * the grid's keys directory and this node's node token. Ignored by a node without security.
 */
final class NodeSecurityOptions {
    /** The environment variable a token may come from instead of an option. */
    static final String TOKEN_VARIABLE = "DTF_TOKEN";

    @Option(names = "--keys", paramLabel = "DIR",
            description = "The grid's keys directory, made by `dtf keys init` (default: ./dtf-keys); used by a node "
                    + "started from config/ignite-secure.xml.")
    Path keys;

    @Option(names = "--token", paramLabel = "JWT",
            description = "This node's node token, for a grid with security on. Other users of the machine can see "
                    + "it in the process list: prefer --token-file or the " + TOKEN_VARIABLE + " variable.")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding this node's node token.")
    Path tokenFile;

    /** Makes the keys directory and token known to the node named {@code instanceName} (null: unnamed) before it starts. */
    void apply(String instanceName) {
        if (keys != null) {
            System.setProperty(GridSecurity.DIR_PROPERTY, keys.toAbsolutePath().toString());
        }
        NodeToken.offer(instanceName, token());
    }

    private String token() {
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("token: give --token or --token-file, not both");
        }
        if (token != null) {
            return token;
        }
        if (tokenFile != null) {
            try {
                return Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("token-file: cannot read " + tokenFile + " (" + e.getMessage() + ")", e);
            }
        }
        return System.getenv(TOKEN_VARIABLE);
    }
}
