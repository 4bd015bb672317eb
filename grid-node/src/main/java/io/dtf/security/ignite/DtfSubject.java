package io.dtf.security.ignite;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.apache.ignite.plugin.security.SecuritySubject;
import org.apache.ignite.plugin.security.SecuritySubjectType;

/**
 * Who Ignite runs an operation for: a node (by its node id) or a thin-client connection (by a
 * {@link ClientSubjectIds} id). Holds no secret: nodes publish their subject to every member.
 *
 * @param login who the token was issued to, as Ignite shows it in its views
 */
record DtfSubject(UUID id, SecuritySubjectType type, String login, InetSocketAddress address)
        implements SecuritySubject, Serializable {
    @Override
    public String toString() {
        return type + " " + login + " (" + id + ")";
    }
}
