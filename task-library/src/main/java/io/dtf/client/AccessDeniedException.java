package io.dtf.client;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grid refused a call: no token, a token it does not accept (expired, revoked, signed by another
 * grid's key, altered, malformed, oversized), or a role too low for what was asked. The message says
 * which and what to do; it never contains the token.
 *
 * <p>The message reads {@code DTF access denied [REASON]: detail}. The grid throws this exception;
 * the thin client delivers only its text, from which {@link #in(Throwable)} makes it again, so a
 * caller of {@link DtfClient} or {@link AggregatorClient} catches this type either way.
 */
public class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The refusal in a message; the thin client adds its status code after it. */
    private static final Pattern WIRE = Pattern.compile(
            "DTF access denied \\[([A-Z_]+)]: (.*?)(?: \\(server status code \\[\\d+]\\))?(?:[\\r\\n]|$)");

    private final String reason;
    private final String detail;

    /**
     * @param reason why, as a constant: a token refusal's reason ({@code MISSING}, {@code MALFORMED},
     *               {@code OVERSIZED}, {@code UNKNOWN_KEY}, {@code BAD_SIGNATURE}, {@code EXPIRED},
     *               {@code REVOKED}), {@code WRONG_ROLE}, {@code NOT_OWNER}, {@code NOT_A_CLIENT_CALL}
     *               or {@code AUTHENTICATION} (the connection itself was refused)
     * @param detail what was refused and what to do; never the token
     */
    public AccessDeniedException(String reason, String detail) {
        super("DTF access denied [" + reason + "]: " + detail);
        this.reason = reason;
        this.detail = detail;
    }

    /** Why, as a constant (see the constructor). */
    public String reason() {
        return reason;
    }

    /** What was refused and what to do, without the reason constant. */
    public String detail() {
        return detail;
    }

    /** The refusal that {@code e} is or carries in its causes or their messages, if any. */
    public static Optional<AccessDeniedException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccessDeniedException denied) {
                return Optional.of(denied);
            }
            Matcher m = t.getMessage() == null ? null : WIRE.matcher(t.getMessage());
            if (m != null && m.find()) {
                return Optional.of(new AccessDeniedException(m.group(1), m.group(2)));
            }
        }
        return Optional.empty();
    }
}
