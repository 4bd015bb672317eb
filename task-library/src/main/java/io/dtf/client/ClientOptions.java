package io.dtf.client;

import java.nio.file.Path;
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
 * @param tlsCa     the grid's CA certificate (PEM, {@code KEYS_DIR/tls/ca.pem}): with it the client speaks TLS and
 *                  trusts only nodes whose certificate that CA signed; null on a grid without TLS
 */
public record ClientOptions(List<String> addresses, String token, Duration timeout, Path tlsCa) {
    public static final String DEFAULT_ADDRESS = "127.0.0.1:10800";
    /** The thin-client user name that says "the password is a DTF token". */
    public static final String TOKEN_USER = "dtf-token";
    /** Where the grid's CA certificate lies in a keys directory. */
    public static final String TLS_CA = "tls/ca.pem";
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

    /** Without TLS. */
    public ClientOptions(List<String> addresses, String token, Duration timeout) {
        this(addresses, token, timeout, null);
    }

    /** A comma list of addresses ({@code a:10800,b:10800}), no token, default timeout. */
    public static ClientOptions of(String addresses) {
        return new ClientOptions(Arrays.stream(addresses.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .toList(), null, null);
    }

    public ClientOptions withToken(String bearerToken) {
        return new ClientOptions(addresses, bearerToken, timeout, tlsCa);
    }

    /** TLS, trusting the CA whose certificate (PEM) is {@code caCertificate}. */
    public ClientOptions withTlsCa(Path caCertificate) {
        return new ClientOptions(addresses, token, timeout, caCertificate);
    }

    /**
     * TLS with the grid's keys directory, as {@code dtf keys init} made it: trusts {@code keysDir/tls/ca.pem}. A
     * client machine needs only that one public file.
     */
    public ClientOptions withKeys(Path keysDir) {
        return withTlsCa(keysDir.resolve(TLS_CA));
    }

    /** Names the addresses and whether a token is set, never the token: options get logged. */
    @Override
    public String toString() {
        return "ClientOptions[addresses=" + addresses + ", token=" + (token == null ? "none" : "(set)") + ", timeout="
                + timeout + ", tlsCa=" + tlsCa + "]";
    }
}
