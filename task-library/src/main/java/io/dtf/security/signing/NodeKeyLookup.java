package io.dtf.security.signing;

/** Where a verifier finds the report key the grid registered for a node. */
@FunctionalInterface
public interface NodeKeyLookup {
    /** The node's registered key, or null when none is registered. */
    NodeKey find(String nodeId);
}
