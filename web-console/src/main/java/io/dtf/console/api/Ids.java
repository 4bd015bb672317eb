package io.dtf.console.api;

import io.dtf.suite.SuiteLimits;
import io.dtf.wire.SafeText;
import java.util.regex.Pattern;

/**
 * Checks the run and task ids a request names before they reach the grid: a run id is what the
 * coordinator makes ({@code <suite>-<UTC time>-<hex>}), a task id what the suite loader allows.
 */
public final class Ids {
    /** A suite name (200) with the time and the random suffix the coordinator adds, and room to spare. */
    static final int MAX_RUN_ID = 256;
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_RUN_ID + "}");

    private Ids() {
    }

    /** {@code value} when it can be a run id; else a 400 naming {@code field}. */
    public static String run(String field, String value) {
        if (value == null || !RUN_ID.matcher(value).matches()) {
            throw ApiException.badRequest(field, "'" + echo(value) + "' is not a run id: 1 to " + MAX_RUN_ID
                    + " letters, digits, '_', '.' or '-' (e.g. quickstart-20261202-003512-4f2a)");
        }
        return value;
    }

    /** {@code value} when it can be a task id; else a 400 naming {@code field}. */
    public static String task(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > SuiteLimits.MAX_TASK_ID_LENGTH) {
            throw ApiException.badRequest(field, "a task id is 1 to " + SuiteLimits.MAX_TASK_ID_LENGTH
                    + " characters (e.g. sha256[size=1MiB]#2)");
        }
        if (!SafeText.isPlain(value)) {
            throw ApiException.badRequest(field, "a task id holds no control characters");
        }
        return value;
    }

    static String echo(String value) {
        return value == null ? "" : SafeText.abbreviated(value, 60);
    }
}
