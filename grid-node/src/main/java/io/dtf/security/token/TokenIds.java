package io.dtf.security.token;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Token ids ({@code jti}) as {@link TokenIssuer} makes them: UUIDs. What a revocation names, and
 * safe to show and log, unlike the token itself.
 */
public final class TokenIds {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TokenIds() {
    }

    /**
     * Why {@code text} is not a token id, or empty when it is one. The reason never repeats the
     * text: what was given in its place may be a token, which must not reach a log.
     */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("a token id is required");
        }
        if (UUID.matcher(text).matches()) {
            return Optional.empty();
        }
        if (text.length() > 100 && text.chars().filter(c -> c == '.').count() == 2) {
            return Optional.of("that is a token itself, not its id; give the id (a UUID) that `dtf token create` "
                    + "printed with it, and treat the token as seen by whoever saw this command line");
        }
        return Optional.of("not a token id: a token id is a UUID such as 0f8e2a6c-3b1d-4e57-9a42-6d1c0b7e5f93, "
                + "as `dtf token create` prints it on standard error");
    }
}
