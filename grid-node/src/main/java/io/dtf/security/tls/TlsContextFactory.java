package io.dtf.security.tls;

import io.dtf.security.GridSecurity;
import java.nio.file.Path;
import org.apache.ignite.ssl.SslContextFactory;

/**
 * The TLS context of a node with security on: its key and certificate from {@code node.p12}, and trust in the
 * grid's CA alone ({@code truststore.p12}), read from {@code KEYS_DIR/tls} (see {@link TlsMaterial}).
 * {@code config/ignite-secure.xml} sets it as the node's {@code sslContextFactory}, which Ignite uses for
 * discovery, communication and the thin-client connector. Ignite asks peers on discovery and communication for
 * their certificate, so only a node holding a certificate from the grid's CA can connect (mutual TLS).
 *
 * <p>The keys directory is the system property {@value GridSecurity#DIR_PROPERTY} ({@code dtf node --keys DIR}
 * sets it), else {@value #DEFAULT_DIR} in the working directory. The password never appears in the XML.
 *
 * <pre>{@code
 * <property name="sslContextFactory"><bean class="io.dtf.security.tls.TlsContextFactory"/></property>
 * }</pre>
 */
public class TlsContextFactory extends SslContextFactory {
    private static final long serialVersionUID = 1L;
    /** The keys directory when {@value GridSecurity#DIR_PROPERTY} is not set, as {@code dtf keys init} makes it. */
    public static final String DEFAULT_DIR = "dtf-keys";

    /** From the keys directory the node was started with. */
    public TlsContextFactory() {
        this(keysDir());
    }

    /**
     * From {@code keysDir/tls}; fails at once, naming the missing file, when it is incomplete.
     */
    public TlsContextFactory(Path keysDir) {
        TlsMaterial material = TlsMaterial.load(keysDir.resolve("tls"));
        setKeyStoreType(TlsMaterial.STORE_TYPE);
        setKeyStoreFilePath(material.nodeKeyStore().toString());
        setKeyStorePassword(material.password());
        setTrustStoreType(TlsMaterial.STORE_TYPE);
        setTrustStoreFilePath(material.trustStore().toString());
        setTrustStorePassword(material.password());
        // TLS 1.2 and 1.3 only; the JDK disables the older ones too, this keeps it so if a site re-enables them.
        setProtocols("TLSv1.3", "TLSv1.2");
    }

    /** The keys directory named by {@value GridSecurity#DIR_PROPERTY}, else {@value #DEFAULT_DIR}. */
    public static Path keysDir() {
        return Path.of(System.getProperty(GridSecurity.DIR_PROPERTY, DEFAULT_DIR)).toAbsolutePath();
    }
}
