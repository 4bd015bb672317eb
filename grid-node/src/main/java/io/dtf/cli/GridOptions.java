package io.dtf.cli;

import io.dtf.client.ClientOptions;
import io.dtf.client.DtfClient;
import picocli.CommandLine.Option;

/** How a command reaches a running grid: its thin-client address and a token. */
final class GridOptions {
    @Option(names = "--grid", paramLabel = "HOST:PORT",
            description = "Thin-client address of a grid node (default: ${DEFAULT-VALUE}).",
            defaultValue = ClientOptions.DEFAULT_ADDRESS)
    String address;

    @Option(names = "--token", paramLabel = "JWT", description = "Bearer token for a secured grid.")
    String token;

    DtfClient connect() {
        return DtfClient.connect(ClientOptions.of(address).withToken(token));
    }
}
