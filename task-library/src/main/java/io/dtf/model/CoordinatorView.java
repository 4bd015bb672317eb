package io.dtf.model;

import java.util.List;

/**
 * Where the coordinator runs now, as {@code dtf status} shows it.
 *
 * @param nodeId    the id of the node that hosts it
 * @param host      that node's host name ({@code dtf.hostname})
 * @param addresses the IP addresses that node listens on for the grid
 */
public record CoordinatorView(String nodeId, String host, List<String> addresses) {
    public CoordinatorView {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
