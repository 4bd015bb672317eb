package io.dtf.console.auth;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The two cookies of a browser that logged in on {@code /login}.
 *
 * <ul>
 *   <li>{@value #TOKEN}: the token itself, HttpOnly (scripts never see it), SameSite=Strict (no other site's page
 *       sends it), Path=/, Secure when the request came over HTTPS, and gone when the token expires. It is checked
 *       again on every request, so a revoked or expired token stops working at once.</li>
 *   <li>{@value #CSRF}: a random value that pages' scripts read and send back as the {@value #CSRF_HEADER} header
 *       on every state change (double submit); another site can neither read it nor set the header.</li>
 * </ul>
 */
public final class SessionCookies {
    public static final String TOKEN = "dtf_token";
    public static final String CSRF = "dtf_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionCookies() {
    }

    /** Sets the token cookie, lasting {@code life} (no longer than the token), and a fresh CSRF value. */
    static void logIn(Context ctx, String token, Duration life) {
        long seconds = Math.max(0, life.getSeconds());
        set(ctx, TOKEN, token, seconds, true);
        set(ctx, CSRF, newCsrfValue(), seconds, false);
    }

    /** Clears both cookies. */
    static void logOut(Context ctx) {
        set(ctx, TOKEN, "", 0, true);
        set(ctx, CSRF, "", 0, false);
    }

    /** The CSRF value this browser holds, setting one (for the session of the browser) when it holds none. */
    static String ensureCsrf(Context ctx) {
        String value = csrf(ctx);
        if (value == null) {
            value = newCsrfValue();
            set(ctx, CSRF, value, -1, false);
        }
        return value;
    }

    static String token(Context ctx) {
        return nonBlank(ctx.cookie(TOKEN));
    }

    static String csrf(Context ctx) {
        return nonBlank(ctx.cookie(CSRF));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String newCsrfValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written out in full, to carry SameSite=Strict, and Secure over HTTPS; {@code maxAge < 0}: a session cookie. */
    private static void set(Context ctx, String name, String value, long maxAge, boolean httpOnly) {
        StringBuilder header = new StringBuilder(name).append('=').append(value).append("; Path=/");
        if (maxAge >= 0) {
            header.append("; Max-Age=").append(maxAge);
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        if (https(ctx)) {
            header.append("; Secure");
        }
        header.append("; SameSite=Strict");
        ctx.res().addHeader("Set-Cookie", header.toString());
    }

    /**
     * Whether the browser reached the console over HTTPS: directly, or through a proxy that says so. Trusting the
     * proxy header can only add {@code Secure}, which a plain-HTTP browser would then not send back.
     */
    static boolean https(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
