package io.dtf.node;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a node joins the grid as an Ignite server node or as a client node. A server node joining
 * or leaving starts a partition map exchange that holds up every cache write on the grid until all
 * servers have taken part; a client node's join or leave does not (the servers' exchange for it has
 * nothing to do), and a client node still runs compute jobs, sends and receives messages and reads
 * and writes caches, remotely. DTF's caches live on {@code data} nodes only, so a worker that holds
 * no other role loses nothing as a client and the grid stops pausing when such workers come and go.
 *
 * <p>Set by {@code dtf node --join-as} or by Ignite's own {@code clientMode} property in the node's
 * config; the option wins. {@link #AUTO}, the default, makes a worker-only node a client node.
 */
public enum JoinAs {
    /** A client node when the node's only role is {@code worker}; a server node otherwise. */
    AUTO,
    /** Always a server node (as before client workers). */
    SERVER,
    /** A client node; only for a node whose only role is {@code worker}. */
    CLIENT;

    /** The roles a client node may hold: the others keep data or services on the node itself. */
    private static final Set<String> CLIENT_ROLES = Set.of(Roles.WORKER);

    /** Parses {@code auto}, {@code server} or {@code client}, any case; the error names the option. */
    public static JoinAs parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("join-as: '" + value + "' is not one of auto, server, client");
        }
    }

    /**
     * Whether the node joins as a client node.
     *
     * @param option           from {@code --join-as}; null when not given
     * @param configClientMode the config's {@code clientMode} property; null when it does not set it
     * @param config           the config file, named in errors
     * @throws IllegalArgumentException when a client node is asked for with a role that needs a server
     *                                  node, naming the option or config property and the fix
     */
    public static boolean clientNode(JoinAs option, Boolean configClientMode, Set<String> roles, Path config) {
        JoinAs wanted = option != null ? option
                : configClientMode == null ? AUTO : configClientMode ? CLIENT : SERVER;
        Set<String> serverRoles = new TreeSet<>(roles);
        serverRoles.removeAll(CLIENT_ROLES);
        return switch (wanted) {
            case SERVER -> false;
            case AUTO -> serverRoles.isEmpty();
            case CLIENT -> {
                if (!serverRoles.isEmpty()) {
                    String field = option != null ? "join-as: client" : "clientMode in " + config + ": true";
                    throw new IllegalArgumentException(field + " cannot be combined with the role(s) "
                            + String.join(",", serverRoles) + ", which need a server node: a client node may only have "
                            + "the worker role; use --join-as server (or auto), or give this node --roles worker");
                }
                yield true;
            }
        };
    }
}
