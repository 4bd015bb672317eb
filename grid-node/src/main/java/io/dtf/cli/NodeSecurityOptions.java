package io.dtf.cli;

import io.dtf.client.ClientTokens;
import io.dtf.security.GridSecurity;
import io.dtf.security.ignite.NodeToken;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How {@code dtf node} joins a grid with security on (a node started from config/ignite-secure.xml):
 * the grid's keys directory and this node's node token. Ignored by a node without security.
 */
final class NodeSecurityOptions {
    @Option(names = "--keys", paramLabel = "DIR", defaultValue = "${env:DTF_KEYS:-dtf-keys}",
            description = "The grid's keys directory, made by `dtf keys init` (default: $DTF_KEYS, else "
                    + "${DEFAULT-VALUE}); read by a node started from config/ignite-secure.xml: token keys in DIR/jwt, "
                    + "TLS material in DIR/tls.")
    Path keys;

    @Option(names = "--token", paramLabel = "JWT",
            description = "This node's node token, for a grid with security on. Other users of the machine can see "
                    + "it in the process list: prefer --token-file or the " + ClientTokens.ENV + " variable.")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding this node's node token "
            + "(without --token or --token-file, the token is taken from " + ClientTokens.ENV + " if set).")
    Path tokenFile;

    /**
     * Makes the keys directory and token known to the node named {@code instanceName} (null: unnamed) before it starts.
     *
     * @throws IllegalArgumentException when both token options are given or the token file cannot be read
     */
    void apply(String instanceName) {
        System.setProperty(GridSecurity.DIR_PROPERTY, keys.toAbsolutePath().toString());
        NodeToken.offer(instanceName, ClientTokens.resolve(token, tokenFile, System.getenv()));
    }
}
