package io.dtf.console.api;

import io.dtf.wire.SafeText;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads and checks the inputs of the machines' routes: node ids, limits, offsets, filters. */
final class MachineParams {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_TEXT = 200;

    private MachineParams() {
    }

    /**
     * The path's {@code {id}} as a node id (a UUID, lower case). Anything else names no worker, so it is
     * answered as one that is not there: 404, saying what an id looks like.
     */
    static String nodeId(Context ctx) {
        String raw = ctx.pathParam("id");
        if (!UUID_TEXT.matcher(raw).matches()) {
            throw ApiException.notFound("no worker '" + SafeText.shortened(raw, 60) + "': a worker id is its node's id,"
                    + " a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e; GET /api/workers lists them");
        }
        return UUID.fromString(raw).toString();
    }

    /** Integer query parameter {@code name}, {@code fallback} when absent, refused outside {@code min..max}. */
    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name, name + ": '" + SafeText.shortened(raw, 20) + "' is not a whole number from "
                + min + " to " + max + "; leave it out for " + fallback);
    }

    /** Text query parameter {@code name}, null when absent or blank, refused when longer than 200 characters. */
    static String text(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > MAX_TEXT) {
            throw ApiException.badRequest(name, name + ": " + raw.length() + " characters is too long; at most "
                    + MAX_TEXT);
        }
        return raw.strip();
    }
}
