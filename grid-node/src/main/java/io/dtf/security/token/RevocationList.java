package io.dtf.security.token;

/** The ids ({@code jti}) of tokens revoked before they expire. */
public interface RevocationList {
    /** Nothing revoked: for tools that run without a grid. */
    RevocationList NONE = tokenId -> false;

    boolean revoked(String tokenId);
}
