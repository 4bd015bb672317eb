package io.dtf.node;

import io.dtf.security.GridSecurity;
import java.util.Optional;
import org.apache.ignite.Ignite;

/**
 * What a {@link NodeExtension} starts with.
 *
 * @param ignite   the started node
 * @param options  what the node was started with ({@link NodeOptions#consolePort()} and the like)
 * @param security the grid's token checks, empty while security is off
 */
public record NodeContext(Ignite ignite, NodeOptions options, Optional<GridSecurity> security) {
}
