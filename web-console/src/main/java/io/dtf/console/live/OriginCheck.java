package io.dtf.console.live;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a WebSocket upgrade comes from the console's own pages. A browser sends the page's origin
 * with every upgrade and, unlike for {@code fetch}, applies no same-origin rule to WebSockets: without
 * this check any site a viewer has open could read the grid's live updates with the viewer's
 * cookie (cross-site WebSocket hijacking). Clients that are not browsers send no {@code Origin} and
 * are let through: they hold whatever token they present themselves.
 */
final class OriginCheck {
    private OriginCheck() {
    }

    /** True when {@code origin} is absent, or names the same host and port as {@code host} (the Host header). */
    static boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return false; // "null" (sandboxed frames, files) and anything else that is no web page
            }
            String originHost = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return normal(originHost, scheme).equals(normal(host.strip(), scheme));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Host and port in lower case, without the scheme's default port. */
    private static String normal(String hostPort, String scheme) {
        String h = hostPort.toLowerCase(Locale.ROOT);
        String defaultPort = scheme.equals("https") ? ":443" : ":80";
        return h.endsWith(defaultPort) ? h.substring(0, h.length() - defaultPort.length()) : h;
    }
}
