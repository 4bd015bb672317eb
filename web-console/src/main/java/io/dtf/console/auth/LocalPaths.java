package io.dtf.console.auth;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a login may send the browser afterwards: a path of this console only. {@code //evil.example},
 * {@code https://evil.example}, {@code /\evil.example} and anything with control characters become {@code /}, so
 * that a link to {@code /login?next=...} cannot send someone who logs in to another site.
 */
final class LocalPaths {
    static final int MAX_LENGTH = 2048;

    private LocalPaths() {
    }

    /** {@code next} when it is a local path (with its query), else {@code /}. */
    static String safe(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || !next.startsWith("/")
                || next.startsWith("//") || next.indexOf('\\') >= 0) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x21 || c == 0x7f) {
                return "/";
            }
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/")) {
                return "/";
            }
        } catch (URISyntaxException e) {
            return "/";
        }
        return next;
    }
}
