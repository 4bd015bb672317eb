package io.dtf.console.api;

import io.dtf.wire.SafeText;
import io.javalin.http.Context;

/** Query parameters read strictly: a value that is not what the parameter takes is a 400 naming it. */
final class QueryParams {
    /** No query parameter of the API needs more; longer text is refused before it is looked at. */
    static final int MAX_TEXT = 1_000;

    private QueryParams() {
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = text.length() > 12 ? Long.MAX_VALUE : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, name + " is a whole number from " + min + " to " + max + ", not '"
                    + Ids.echo(text) + "'");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(name, name + " is a whole number from " + min + " to " + max + ", not "
                    + Ids.echo(text));
        }
        return (int) value;
    }

    /** true, false, or null when absent. */
    static Boolean bool(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.badRequest(name, name + " is true or false, not '" + Ids.echo(text) + "'");
        };
    }

    /** Free text of at most {@value #MAX_TEXT} characters without control characters, or null when absent. */
    static String text(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT || !SafeText.isPlain(text)) {
            throw ApiException.badRequest(name, name + " is at most " + MAX_TEXT + " characters of plain text");
        }
        return text.strip();
    }
}
