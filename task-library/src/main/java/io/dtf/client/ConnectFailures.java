package io.dtf.client;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns what the thin client throws on connecting into a {@link GridUnreachableException} a person can act on. */
final class ConnectFailures {
    private ConnectFailures() {
    }

    /** Fails on the first address whose host does not resolve: Ignite would only say "UnknownHostException: null". */
    static void checkHosts(List<String> addresses) {
        for (String address : addresses) {
            String host = host(address);
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new GridUnreachableException(addresses, "unknown host '" + host + "' in the grid address "
                        + address, e);
            }
        }
    }

    static GridUnreachableException explain(List<String> addresses, RuntimeException e) {
        String where = String.join(",", addresses);
        String reason = reason(e);
        if (reason.contains("channel is closed")) {
            return new GridUnreachableException(addresses, "the grid address " + where + " answered, but not as a DTF "
                    + "thin-client port (channel closed at the handshake): give the node's thin-client port "
                    + "(10800..10809 by default), not its discovery (47500) or communication (47100) port", e);
        }
        return new GridUnreachableException(addresses, "cannot reach the grid at " + where + " (" + reason + "): "
                + "is a DTF node running there with its thin-client port open?", e);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
        }
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        return message.replaceAll("\\s*\\[remoteAddress=[^]]*]", "").strip().toLowerCase(Locale.ROOT);
    }

    private static String host(String address) {
        if (address.startsWith("[")) {
            return address.substring(1, address.indexOf(']'));
        }
        int colon = address.indexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
