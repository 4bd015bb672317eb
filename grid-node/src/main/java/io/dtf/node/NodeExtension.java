package io.dtf.node;

import java.util.Optional;

/**
 * A part of DTF that a node runs for one of its roles and that lives in a module of its own (the web
 * console, for the {@code console} role): found with {@link java.util.ServiceLoader}, so a node built
 * without that module simply does not take the role up.
 */
public interface NodeExtension {
    /** The role ({@link Roles}) a node must have for this extension to start on it. */
    String role();

    /**
     * Starts on a node that has {@link #role()}, once the node is up (caches created, services deployed).
     * A failure here is logged and reported, and the node goes on without the extension.
     *
     * @return the running extension, or empty when the node's options turn it off
     */
    Optional<RunningExtension> start(NodeContext context) throws Exception;
}
