package io.dtf.cli;

import io.dtf.client.ClientOptions;
import io.dtf.client.ClientTokens;
import io.dtf.client.DtfClient;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** How a command reaches a running grid: the thin-client addresses of its nodes, a token, and TLS trust. */
final class GridOptions {
    @Option(names = "--grid", paramLabel = "HOST:PORT[,HOST:PORT...]", converter = AddressList.class,
            description = {"Thin-client addresses of grid nodes: one HOST:PORT, or several separated by commas, tried in "
                    + "turn until one answers (default: " + ClientOptions.DEFAULT_ADDRESS + ").",
                    "Without it, `dtf run` starts an embedded node and `dtf results`, `dtf logs` and `dtf analyze` read "
                            + "the DuckDB file; with it they ask the grid's aggregator, which reads the file its node holds."})
    String address;

    @Option(names = "--token", paramLabel = "JWT", description = {"Token for a grid with security on (see "
            + "docs/SECURITY.md). Visible to other users of this machine in the process list: prefer --token-file "
            + "or " + ClientTokens.ENV + "."})
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from FILE (white space around it"
            + " is ignored). Without --token or --token-file, the token is taken from " + ClientTokens.ENV + " if set.")
    Path tokenFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The token to send: {@code --token}, else {@code --token-file}'s content, else {@code DTF_TOKEN};
     * null when none is given (a grid without security needs none).
     *
     * @throws ParameterException (a usage error, exit 2) when both options are given or the file cannot be read
     */
    String token() {
        try {
            return ClientTokens.resolve(token, tokenFile, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    @Option(names = "--keys", paramLabel = "DIR", defaultValue = "${env:DTF_KEYS}",
            description = "The grid's keys directory, or one holding a copy of its tls/ca.pem: connect with TLS and trust "
                    + "that CA only (default: $DTF_KEYS; without either, no TLS). Needed for a grid started from "
                    + "config/ignite-secure.xml.")
    Path keys;

    /** Whether {@code --grid} was given (some commands then read a grid instead of working locally). */
    boolean given() {
        return address != null;
    }

    /** The addresses as given, or the default one. */
    String address() {
        return address != null ? address : ClientOptions.DEFAULT_ADDRESS;
    }

    DtfClient connect() {
        return DtfClient.connect(clientOptions());
    }

    /** The addresses, token and TLS trust this command connects with. */
    ClientOptions clientOptions() {
        ClientOptions options = ClientOptions.of(address()).withToken(token());
        return keys == null ? options : options.withKeys(keys);
    }

    /** Refuses a malformed address list while the command line is read (a usage error, exit 2). */
    static final class AddressList implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                ClientOptions.of(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
