package io.dtf.security;

import io.dtf.security.token.RevocationList;

/**
 * The grid's deny list as a node's token checks see it: empty until the node can follow the list
 * the grid keeps (its cache exists only once the node has started), then that list. A check never
 * blocks, so node admission may ask it on the discovery thread.
 */
public final class DenyList implements RevocationList {
    private volatile RevocationList current = RevocationList.NONE;

    /** From now on, answers as {@code list} does. */
    public void follow(RevocationList list) {
        current = list;
    }

    @Override
    public boolean revoked(String tokenId) {
        return current.revoked(tokenId);
    }
}
