package io.dtf.console.live;

import io.dtf.console.api.ApiException;

/**
 * The {@code since} query parameter of {@code /ws}: the number of the last frame a page saw. Absent or
 * 0 means a page that saw none yet (it loaded its data from {@code /api} just now).
 */
final class SinceParameter {
    static final String NAME = "since";
    private static final int MAX_DIGITS = 40;

    private SinceParameter() {
    }

    /** The last frame seen, or null for none; a number past any frame stays past it ({@link Long#MAX_VALUE}). */
    static Long parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_DIGITS || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest(NAME, "since must be the seq number of the last frame received"
                    + " (digits only), or absent for a page that received none");
        }
        String digits = raw.replaceFirst("^0+(?=.)", "");
        long value = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        return value == 0 ? null : value;
    }
}
