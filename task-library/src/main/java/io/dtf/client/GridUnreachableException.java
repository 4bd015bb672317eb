package io.dtf.client;

import java.util.List;

/**
 * A {@link DtfClient} could not reach the grid: the message names the address and what to check
 * ("cannot reach the grid at 10.0.0.5:10800 (connection refused): is a DTF node running there with
 * its thin-client port open?").
 */
public final class GridUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> addresses;

    public GridUnreachableException(List<String> addresses, String message, Throwable cause) {
        super(message, cause);
        this.addresses = List.copyOf(addresses);
    }

    /** The addresses that were tried. */
    public List<String> addresses() {
        return addresses;
    }
}
