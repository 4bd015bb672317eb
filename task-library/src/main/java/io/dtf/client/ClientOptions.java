package io.dtf.client;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link DtfClient} reaches a grid.
 *
 * @param addresses thin-client endpoints of server nodes, {@code host:port} (port range {@code host:10800..10809} allowed)
 * @param token     bearer token sent with every call, or null on a grid without security
 * @param timeout   how long one call may take
 */
public record ClientOptions(List<String> addresses, String token, Duration timeout) {
    public static final String DEFAULT_ADDRESS = "127.0.0.1:10800";

    public ClientOptions {
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses: give at least one host:port, e.g. " + DEFAULT_ADDRESS);
        }
        addresses = List.copyOf(addresses);
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    /** One address, no token, default timeout. */
    public static ClientOptions of(String address) {
        return new ClientOptions(List.of(address.split(",")), null, null);
    }

    public ClientOptions withToken(String bearerToken) {
        return new ClientOptions(addresses, bearerToken, timeout);
    }
}
