package io.dtf.trends;

import io.dtf.stats.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A series' key as links and the API name it: 20 hex digits of the SHA-256 of what the series measures
 * (benchmark, params, metric, unit, hardware class, context, each map sorted). Derived, never stored, so
 * the same series has the same key in every answer, after restarts and in every copy of the file.
 */
public final class SeriesKeys {
    /** What a key looks like: anything else names no series. */
    public static final Pattern FORM = Pattern.compile("[0-9a-f]{20}");

    private SeriesKeys() {
    }

    public static String of(SeriesKey key) {
        StringBuilder text = new StringBuilder();
        text.append(key.benchmark()).append('\u0000');
        append(text, key.params());
        text.append(key.metric()).append('\u0000').append(key.unit()).append('\u0000')
                .append(key.hardware()).append('\u0000');
        append(text, key.context());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether {@code text} has a key's form (it may still name no stored series). */
    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    // SeriesKey keeps its maps sorted, so iteration order is the same everywhere.
    private static void append(StringBuilder text, Map<String, String> map) {
        map.forEach((k, v) -> text.append(k).append('=').append(v).append('\u0001'));
        text.append('\u0000');
    }
}
