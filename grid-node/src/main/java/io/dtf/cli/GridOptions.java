package io.dtf.cli;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How a command reaches a running grid: the thin-client addresses of its nodes, a token, and TLS trust. */
final class GridOptions {
    @Option(names = "--grid", paramLabel = "HOST:PORT[,HOST:PORT...]", converter = AddressList.class,
            description = {"Thin-client addresses of grid nodes: one HOST:PORT, or several separated by commas, tried in "
                    + "turn until one answers (default: " + ClientOptions.DEFAULT_ADDRESS + ").",
                    "Without it, `dtf run` starts an embedded node and `dtf results`, `dtf logs` and `dtf analyze` read "
                            + "the DuckDB file; with it they ask the grid's aggregator, which reads the file its node holds."})
    String address;

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token for a secured grid.")
    String token;

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
        ClientOptions options = ClientOptions.of(address()).withToken(token);
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
