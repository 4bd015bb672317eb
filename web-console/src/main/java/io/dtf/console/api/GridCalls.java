package io.dtf.console.api;

import io.dtf.client.AccessDeniedException;
import io.javalin.http.HttpStatus;
import java.util.function.Supplier;

/**
 * A call to a grid service on a caller's behalf, with the service's refusals turned into answers:
 * a refused token or role (or a run the caller does not own) is a 403 with the grid's reason; a
 * service that cannot be reached is a 503 saying which.
 */
final class GridCalls {
    private GridCalls() {
    }

    static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            AccessDeniedException denied = AccessDeniedException.in(e).orElse(null);
            if (denied != null) {
                throw new ApiException(HttpStatus.FORBIDDEN, denied.detail(), null);
            }
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "the " + service + " did not answer: "
                    + Ids.echo(String.valueOf(e.getMessage())) + "; try again in a moment", null);
        }
    }
}
