package io.dtf.security.token;

import java.util.regex.Pattern;

/**
 * Withholds anything shaped like a JWT from a text: the last guard in front of logs, for messages
 * DTF does not write itself (a library's). DTF's own code names tokens by their id instead.
 *
 * <pre>{@code
 * TokenRedaction.redact("refused eyJhbGciOi....eyJzdWIi....c2lnbmF0dXJl")   // "refused [token withheld]"
 * }</pre>
 */
public final class TokenRedaction {
    /** What a token is replaced with. */
    public static final String WITHHELD = "[token withheld]";
    /** A JWT: a JSON header and payload ({@code {"} in base64url is {@code eyJ}), then a signature. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+");

    private TokenRedaction() {
    }

    /** {@code text} with every JWT in it replaced by {@link #WITHHELD}; null stays null. */
    public static String redact(String text) {
        if (text == null || !text.contains("eyJ")) {
            return text; // the common case: no regex run
        }
        return JWT.matcher(text).replaceAll(WITHHELD);
    }
}
