package io.dtf.ci.grid;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback ports the embedded grid's node may take: any free ones (the default), or free ones in a
 * range the user gives ({@code dtf.embeddedPorts=21400-21499}, for machines where only some ports may
 * be used).
 */
public record PortRange(int low, int high) {
    public static final PortRange ANY = new PortRange(0, 0);

    public PortRange {
        if (low < 0 || high > 65_535 || low > high || (low == 0) != (high == 0)) {
            throw new IllegalArgumentException("dtf.embeddedPorts: " + low + "-" + high
                    + " is not a port range; write e.g. 21400-21499");
        }
    }

    /** {@code LOW-HIGH}, or null/blank for any free ports. */
    public static PortRange parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        String[] parts = text.strip().split("-");
        try {
            if (parts.length == 2) {
                return new PortRange(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("dtf.embeddedPorts: '" + text + "' is not LOW-HIGH; write e.g. 21400-21499");
    }

    /** {@code count} distinct ports free on 127.0.0.1 now (another process may take one before the node does). */
    List<Integer> free(int count) {
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int port = low; ports.size() < count && (low == 0 || port <= high); port++) {
                try {
                    ServerSocket socket = new ServerSocket(low == 0 ? 0 : port, 1,
                            InetAddress.getLoopbackAddress());
                    held.add(socket);
                    ports.add(socket.getLocalPort());
                } catch (IOException e) {
                    if (low == 0) {
                        throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
                    }
                }
            }
        } finally {
            held.forEach(s -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a port we only looked at
                }
            });
        }
        if (ports.size() < count) {
            throw new IllegalStateException("dtf.embeddedPorts: fewer than " + count + " free ports in " + low + "-"
                    + high + " on 127.0.0.1; give a wider range");
        }
        return ports;
    }
}
