package io.dtf.console.auth;

import io.dtf.console.api.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a state change (any method but GET, HEAD and OPTIONS) that another site's page could have made in the
 * browser of someone logged in, or of someone on this machine while security is off. A request with an
 * {@code Authorization: Bearer} header needs none of this: a browser never adds that header by itself.
 *
 * <ul>
 *   <li>Same origin: the {@code Origin} header, else the {@code Referer}, must name this console (the request's
 *       {@code Host}). With security on one of them must be there; with it off a request without either (curl, a
 *       script) is let through, as it cannot come from another site's page.</li>
 *   <li>Double submit, with security on: the {@value SessionCookies#CSRF_HEADER} header (or the login form's
 *       {@code csrf} field) must equal the {@value SessionCookies#CSRF} cookie.</li>
 * </ul>
 */
final class CsrfCheck {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    static final String FORM_FIELD = "csrf";

    private CsrfCheck() {
    }

    static boolean safeMethod(Context ctx) {
        return SAFE.contains(ctx.method().name());
    }

    /** Checks an unsafe request not authenticated by a Bearer header; throws 403 saying what was missing. */
    static void check(Context ctx, boolean secured) {
        String origin = ctx.header("Origin");
        String referer = ctx.header("Referer");
        String claimed = origin != null ? origin : referer;
        if (claimed == null) {
            if (secured) {
                throw refused("the request names no Origin or Referer; a browser sends them, other clients log in "
                        + "with 'Authorization: Bearer <token>' instead of the cookie");
            }
        } else if (!sameOrigin(ctx, claimed)) {
            throw refused("the request comes from another site's page (" + (origin != null ? "Origin" : "Referer")
                    + " is not this console)");
        }
        if (!secured) {
            return;
        }
        String cookie = SessionCookies.csrf(ctx);
        String sent = ctx.header(SessionCookies.CSRF_HEADER);
        if (sent == null && isForm(ctx)) {
            sent = ctx.formParam(FORM_FIELD);
        }
        if (cookie == null || sent == null) {
            throw refused("the " + SessionCookies.CSRF_HEADER + " header is missing: send the value of the "
                    + SessionCookies.CSRF + " cookie in it (the console's pages do), or use 'Authorization: Bearer'");
        }
        if (!MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            throw refused("the " + SessionCookies.CSRF_HEADER + " header does not match the " + SessionCookies.CSRF
                    + " cookie: reload the page");
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static ApiException refused(String why) {
        return new ApiException(HttpStatus.FORBIDDEN, "refused as a possible cross-site request: " + why, null);
    }

    /** Whether {@code url} (an Origin or a Referer) has the scheme's host and port that this request was sent to. */
    static boolean sameOrigin(Context ctx, String url) {
        String host = ctx.header("Host");
        if (host == null || url.isBlank() || "null".equals(url)) {
            return false;
        }
        try {
            URI claimed = URI.create(url.strip());
            URI own = URI.create((SessionCookies.https(ctx) ? "https" : "http") + "://" + host);
            return claimed.getHost() != null && own.getHost() != null
                    && claimed.getHost().equalsIgnoreCase(own.getHost())
                    && port(claimed) == port(own);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
