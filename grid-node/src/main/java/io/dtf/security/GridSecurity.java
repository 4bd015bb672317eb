package io.dtf.security;

import io.dtf.audit.AuditLog;
import io.dtf.security.token.TokenVerifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.Ignite;

/**
 * The security of a node that runs with it on (config/ignite-secure.xml): how it checks tokens and
 * where it records who did what. A node without it answers {@link #of} with empty: security is off
 * and every call is allowed, as on the loopback-only default.
 *
 * <p>Registered per Ignite instance name when the node's security plugin starts, since tests run
 * several nodes in one JVM.
 *
 * @param verifier checks tokens against the grid's keys and deny list
 * @param audit    where refusals and uses are recorded
 * @param dir      the directory of the grid's keys ({@code jwt/}, {@code tls/})
 * @param denyList the deny list {@code verifier} consults, which follows the grid's once the node runs
 */
public record GridSecurity(TokenVerifier verifier, AuditLog audit, Path dir, DenyList denyList) {
    /** The system property that names the keys directory for a node's config (ignite-secure.xml reads it). */
    public static final String DIR_PROPERTY = "dtf.security.dir";

    /** Security whose verifier consults no deny list of the grid's (tests, tools without a grid). */
    public GridSecurity(TokenVerifier verifier, AuditLog audit, Path dir) {
        this(verifier, audit, dir, new DenyList());
    }

    private static final Map<String, GridSecurity> BY_INSTANCE = new ConcurrentHashMap<>();
    private static final String UNNAMED = "";

    /** The security of the node {@code ignite}, when it runs with security on. */
    public static Optional<GridSecurity> of(Ignite ignite) {
        return Optional.ofNullable(BY_INSTANCE.get(key(ignite.name())));
    }

    /** Called by the security plugin as its node starts. */
    public static void register(String instanceName, GridSecurity security) {
        BY_INSTANCE.put(key(instanceName), security);
    }

    /** Called by the security plugin as its node stops. */
    public static void unregister(String instanceName) {
        BY_INSTANCE.remove(key(instanceName));
    }

    private static String key(String instanceName) {
        return instanceName == null ? UNNAMED : instanceName;
    }
}
