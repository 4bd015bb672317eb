package io.dtf.security.tls;

import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.apache.ignite.configuration.IgniteConfiguration;

/**
 * Says why a node could not join because of TLS: plain and secure nodes never mix, and secure nodes trust only
 * certificates from their grid's CA. Ignite's own words for these ("Detected SSL alert in StreamCorruptedException",
 * "No trusted certificate found") do not say what to change.
 */
public final class TlsJoinFailure {
    private TlsJoinFailure() {
    }

    /**
     * {@code e} explained when TLS made the join fail, else {@code e} itself.
     *
     * @param cfg  the configuration the node started with (whether it has TLS)
     * @param join the discovery addresses it tried, or empty for the config's own
     */
    public static RuntimeException explain(IgniteConfiguration cfg, List<String> join, RuntimeException e) {
        String messages = messages(e);
        if (!tlsInvolved(e, messages)) {
            return e;
        }
        String grid = join.isEmpty() ? "the grid" : "the grid at " + String.join(",", join);
        if (cfg.getSslContextFactory() == null) {
            return failure("cannot join " + grid + ": it speaks TLS and this node does not; a node"
                    + " without TLS cannot join a secure grid. Start this node from config/ignite-secure.xml with --keys"
                    + " DIR, DIR holding the grid's keys (a copy of the directory `dtf keys init` made)", e);
        }
        if (messages.contains("certificate") || messages.contains("pkix") || messages.contains("trusted")) {
            return failure("cannot join " + grid + " over TLS: it and this node do not trust each"
                    + " other's certificates (" + deepestSslMessage(e) + "). Every node of a grid needs the same keys:"
                    + " copy the grid's keys directory to this machine and give it to --keys (this node used "
                    + TlsContextFactory.keysDir() + ")", e);
        }
        return failure("cannot join " + grid + ": this node speaks TLS (config/ignite-secure.xml)"
                + " and the grid does not; a secure node cannot join a plain grid. Start this node from the grid's"
                + " own config, or every node of the grid from config/ignite-secure.xml", e);
    }

    /** Ignite's exception is kept as suppressed, not as the cause: the CLI prints a failure's root cause. */
    private static IllegalStateException failure(String message, RuntimeException e) {
        IllegalStateException failure = new IllegalStateException(message);
        failure.addSuppressed(e);
        return failure;
    }

    private static boolean tlsInvolved(Throwable e, String messages) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return messages.contains("ssl");
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static String deepestSslMessage(Throwable e) {
        String found = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                found = t.getMessage();
            }
        }
        return found == null ? e.getMessage() : found;
    }
}
