package io.dtf.security.ignite;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a node's token from the command line ({@code dtf node --token}, {@code --token-file},
 * {@code DTF_TOKEN}) to the security plugin of the node it starts, by Ignite instance name (tests
 * run several nodes in one JVM). Held in memory only: never a system property or a node attribute,
 * both of which Ignite may publish to every member.
 */
public final class NodeToken {
    private static final Map<String, String> BY_INSTANCE = new ConcurrentHashMap<>();
    private static final String UNNAMED = "";

    private NodeToken() {
    }

    /** The token the node {@code instanceName} (null: unnamed) presents when it joins. */
    public static void offer(String instanceName, String token) {
        if (token == null || token.isBlank()) {
            BY_INSTANCE.remove(key(instanceName));
        } else {
            BY_INSTANCE.put(key(instanceName), token.strip());
        }
    }

    static Optional<String> of(String instanceName) {
        return Optional.ofNullable(BY_INSTANCE.get(key(instanceName)));
    }

    private static String key(String instanceName) {
        return instanceName == null ? UNNAMED : instanceName;
    }
}
