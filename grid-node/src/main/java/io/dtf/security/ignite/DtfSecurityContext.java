package io.dtf.security.ignite;

import io.dtf.security.Role;
import java.io.Serializable;
import java.util.List;
import org.apache.ignite.internal.processors.security.SecurityContext;

/**
 * What a node or thin-client connection was admitted as. Ignite keeps a node's context in that
 * node's attributes (serialised, visible to every member), so it carries nothing secret: the
 * token's id, never the token.
 *
 * @param kind    an admitted node, a node refused at join, or a thin client
 * @param role    the token's role (null when there was no valid token)
 * @param tokenId the token's id ({@code jti}), null when there was no valid token
 * @param tags    the tags a node token allows
 * @param refusal why a node was refused, for {@link Kind#REFUSED_NODE}
 */
record DtfSecurityContext(DtfSubject subject, Kind kind, Role role, String tokenId, List<String> tags, String refusal)
        implements SecurityContext, Serializable {
    /** What a context stands for. */
    enum Kind {
        /** A node whose node token was accepted. */
        NODE,
        /** A joining node whose token was not: it is turned away with {@link #refusal()} before it joins. */
        REFUSED_NODE,
        /** A thin-client connection with a viewer, submitter or admin token. */
        CLIENT
    }

    DtfSecurityContext {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
