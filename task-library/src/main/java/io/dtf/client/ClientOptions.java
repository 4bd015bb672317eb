package io.dtf.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a {@link DtfClient} reaches a grid.
 *
 * @param addresses thin-client endpoints of server nodes, {@code host:port} (port range {@code host:10800..10809}
 *                  allowed); the client tries them in turn until one answers
 * @param token     bearer token sent with every call, or null on a grid without security
 * @param timeout   how long one call may take
 */
public record ClientOptions(List<String> addresses, String token, Duration timeout) {
    public static final String DEFAULT_ADDRESS = "127.0.0.1:10800";
    /** {@code host}, {@code host:port} or {@code host:port..port}; an IPv6 host in brackets. */
    private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:,\\[\\]]+)(:\\d{1,5}(\\.\\.\\d{1,5})?)?");

    public ClientOptions {
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("addresses: give at least one host:port, e.g. " + DEFAULT_ADDRESS);
        }
        for (String address : addresses) {
            if (address == null || !ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("grid address '" + address + "' is not HOST:PORT; write e.g. "
                        + DEFAULT_ADDRESS + ", or several as HOST:PORT,HOST:PORT");
            }
        }
        addresses = List.copyOf(addresses);
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    /** A comma list of addresses ({@code a:10800,b:10800}), no token, default timeout. */
    public static ClientOptions of(String addresses) {
        return new ClientOptions(Arrays.stream(addresses.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .toList(), null, null);
    }

    public ClientOptions withToken(String bearerToken) {
        return new ClientOptions(addresses, bearerToken, timeout);
    }

    /** Never shows the token: options end up in messages and logs. */
    @Override
    public String toString() {
        return "ClientOptions[addresses=" + addresses + ", token=" + (token == null ? "none" : "(given)")
                + ", timeout=" + timeout + "]";
    }
}
