package io.dtf.console.api;

import io.javalin.http.HttpStatus;

/**
 * A request the console refuses, answered as an {@link ApiError} with this status. Say what was wrong
 * and how to put it right; name the field at fault when there is one.
 */
public final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String field;

    public ApiException(HttpStatus status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }
}
