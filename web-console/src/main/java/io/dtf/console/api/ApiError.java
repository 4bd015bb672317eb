package io.dtf.console.api;

/**
 * The body of every refused API request.
 *
 * @param status  the HTTP status, repeated for readers of a saved body
 * @param message what was wrong and how to put it right
 * @param field   the request field at fault ({@code limit}, {@code tasks[3].requirements}), or null
 */
public record ApiError(int status, String message, String field) {
}
