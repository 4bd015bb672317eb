package io.dtf.security.ignite;

import io.dtf.security.GridSecurity;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.security.GridSecurityProcessor;
import org.apache.ignite.plugin.CachePluginContext;
import org.apache.ignite.plugin.CachePluginProvider;
import org.apache.ignite.plugin.ExtensionRegistry;
import org.apache.ignite.plugin.IgnitePlugin;
import org.apache.ignite.plugin.PluginConfiguration;
import org.apache.ignite.plugin.PluginContext;
import org.apache.ignite.plugin.PluginProvider;

/**
 * The DTF security plugin ({@value #NAME}): turns on token checks for node joins and thin clients
 * and DTF's permissions for every Ignite operation. A node runs with security on when its config
 * lists this provider, as {@code config/ignite-secure.xml} does:
 *
 * <pre>{@code
 * <property name="pluginProviders">
 *   <list><bean class="io.dtf.security.ignite.SecurityPluginProvider"/></list>
 * </property>
 * }</pre>
 *
 * <p>The keys directory is {@link #setKeysDir}, else the system property
 * {@value GridSecurity#DIR_PROPERTY} ({@code dtf node --keys DIR}), else {@code dtf-keys}; the
 * node's own token comes from {@link NodeToken}. Every node of a secure grid must run it: Ignite
 * refuses a node whose security processor differs from the grid's.
 */
public final class SecurityPluginProvider implements PluginProvider<PluginConfiguration> {
    /** The plugin's name in Ignite. */
    public static final String NAME = "dtf-security";
    private static final String DEFAULT_DIR = "dtf-keys";

    private String keysDir;

    /** The keys directory made by {@code dtf keys init} (its {@code jwt/} holds the token keys). */
    public void setKeysDir(String keysDir) {
        this.keysDir = keysDir;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String copyright() {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IgnitePlugin> T plugin() {
        return (T) new IgnitePlugin() { };
    }

    @Override
    public void initExtensions(PluginContext ctx, ExtensionRegistry registry) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T createComponent(PluginContext ctx, Class<T> cls) {
        if (cls == GridSecurityProcessor.class) {
            return (T) new DtfSecurityProcessor(((IgniteEx) ctx.grid()).context(), keysDir(), Clock.systemUTC());
        }
        return null;
    }

    private Path keysDir() {
        String dir = keysDir != null && !keysDir.isBlank() ? keysDir : System.getProperty(GridSecurity.DIR_PROPERTY);
        return Path.of(dir == null || dir.isBlank() ? DEFAULT_DIR : dir).toAbsolutePath();
    }

    @Override
    public CachePluginProvider createCacheProvider(CachePluginContext ctx) {
        return null;
    }

    @Override
    public void start(PluginContext ctx) {
    }

    @Override
    public void stop(boolean cancel) {
    }

    @Override
    public void onIgniteStart() {
    }

    @Override
    public void onIgniteStop(boolean cancel) {
    }

    @Override
    public Serializable provideDiscoveryData(UUID nodeId) {
        return null;
    }

    @Override
    public void receiveDiscoveryData(UUID nodeId, Serializable data) {
    }

    @Override
    public void validateNewNode(ClusterNode node) {
    }
}
