package io.dtf.console.api;

import io.javalin.http.Context;

/**
 * The {@code offset} and {@code limit} query parameters of a paged list, checked: a limit of 1 to
 * {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}), an offset of 0 or more.
 */
public record Paging(int offset, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The paging {@code ctx} asks for; a 400 naming the parameter when it is not a number in range. */
    public static Paging of(Context ctx) {
        int offset = QueryParams.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return new Paging(offset, limit);
    }
}
