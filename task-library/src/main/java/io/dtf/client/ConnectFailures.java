package io.dtf.client;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;

/** Turns what the thin client throws on connecting into a {@link GridUnreachableException} a person can act on. */
final class ConnectFailures {
    /** The thin-client port a client tries when an address gives none (Ignite's default). */
    private static final int DEFAULT_PORT = 10800;

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
        return explain(addresses, null, e);
    }

    /**
     * As {@link #explain(List, RuntimeException)}; when something answered, a TLS handshake tells a grid that needs
     * TLS from one that does not, and a grid whose certificate the client's CA did not sign.
     *
     * @param trust the client's trust in the grid's CA, or null for a client without TLS
     */
    static GridUnreachableException explain(List<String> addresses, X509TrustManager trust, RuntimeException e) {
        String where = String.join(",", addresses);
        String reason = reason(e);
        TlsProbe.Answer answer = reason.equals("connection refused") ? TlsProbe.Answer.NO_TLS : probe(addresses, trust);
        if (trust == null && answer != TlsProbe.Answer.NO_TLS) {
            return new GridUnreachableException(addresses, "the grid at " + where + " requires TLS and this client"
                    + " connected without it: add --keys DIR (or set DTF_KEYS=DIR), DIR being the grid's keys directory"
                    + " or one holding a copy of its " + ClientOptions.TLS_CA + " (in Java: ClientOptions.withKeys(DIR))",
                    e);
        }
        if (trust != null && answer == TlsProbe.Answer.UNTRUSTED) {
            return new GridUnreachableException(addresses, "the grid at " + where + " presented a TLS certificate that"
                    + " the CA given to this client did not sign: give --keys (or DTF_KEYS) this grid's keys directory,"
                    + " or one holding a copy of its " + ClientOptions.TLS_CA, e);
        }
        if (trust != null && answer == TlsProbe.Answer.NO_TLS && (tlsFailure(e) || reason.contains("ssl"))) {
            return new GridUnreachableException(addresses, "the grid at " + where + " does not speak TLS (" + reason
                    + "): it runs without security; leave out --keys and DTF_KEYS for it", e);
        }
        if (reason.contains("channel is closed")) {
            return new GridUnreachableException(addresses, "the grid address " + where + " answered, but not as a DTF "
                    + "thin-client port (channel closed at the handshake): give the node's thin-client port "
                    + "(10800..10809 by default), not its discovery (47500) or communication (47100) port", e);
        }
        return new GridUnreachableException(addresses, "cannot reach the grid at " + where + " (" + reason + "): "
                + "is a DTF node running there with its thin-client port open?", e);
    }

    /** Whether {@code e} comes from a TLS handshake that failed. */
    static boolean tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** The strongest answer of the addresses' first ports: a certificate anywhere beats silence. */
    private static TlsProbe.Answer probe(List<String> addresses, X509TrustManager trust) {
        TlsProbe.Answer best = TlsProbe.Answer.NO_TLS;
        for (String address : addresses) {
            int colon = address.lastIndexOf(':');
            String ports = colon < 0 || address.endsWith("]") ? String.valueOf(DEFAULT_PORT) : address.substring(colon + 1);
            int port = Integer.parseInt(ports.contains("..") ? ports.substring(0, ports.indexOf("..")) : ports);
            TlsProbe.Answer answer = TlsProbe.probe(host(address), port, trust);
            best = answer.compareTo(best) > 0 ? answer : best;
        }
        return best;
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
