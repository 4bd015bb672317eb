package io.dtf.node;

import java.util.List;

/**
 * Where a started node listens, as {@code dtf node} prints it once up.
 *
 * @param addresses      the IP addresses other nodes reach it on, reachable ones first
 * @param discovery      its discovery port (what other nodes' {@code --join} lists); -1 on a client node, which has none
 * @param communication  its communication port
 * @param thinClientHost the address its thin-client port is bound to; {@code 0.0.0.0} for every address
 * @param thinClient     its thin-client port (what {@code --grid} names); null when it has none
 */
public record NodePorts(List<String> addresses, int discovery, int communication, String thinClientHost,
                        Integer thinClient) {
    public NodePorts {
        addresses = List.copyOf(addresses);
    }

    /** {@code listening on 127.0.0.1: discovery port 47500 (--join), ...}: one line for the console. */
    public String describe() {
        String first = addresses.isEmpty() ? "127.0.0.1" : addresses.get(0);
        String client = thinClient == null ? "no thin-client port"
                : "thin-client port " + thinClient + " on " + thinClientHost + " (--grid " + first + ":" + thinClient + ")";
        String joinHere = discovery < 0 ? "no discovery port (a client node: others cannot --join it)"
                : "discovery port " + discovery + " (--join " + first + ":" + discovery + ")";
        return "listening on " + String.join(",", addresses) + ": " + joinHere + ", communication port " + communication
                + ", " + client;
    }
}
