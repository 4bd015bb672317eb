package io.dtf.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A grid's TLS material in one directory ({@code KEYS_DIR/tls}), as {@code dtf keys init} makes it:
 *
 * <ul>
 *   <li>{@code ca.pem}: the dev CA's certificate (public: give it to every client machine);</li>
 *   <li>{@code ca.p12}: the dev CA's key and certificate, to sign more node certificates later (nodes do not
 *   need it: keep it on the machine that made the material);</li>
 *   <li>{@code node.p12}: the node key and its certificate chain (node, CA), used by every node;</li>
 *   <li>{@code truststore.p12}: the CA certificate alone: a peer is trusted iff the CA signed it;</li>
 *   <li>{@code password}: the random password of the three PKCS12 files.</li>
 * </ul>
 *
 * The PKCS12 files are keytool-compatible ({@code keytool -list -keystore node.p12 -storepass "$(cat password)"});
 * the files with keys, and the password, are readable by their owner only.
 *
 * <pre>{@code
 * TlsMaterial created = TlsMaterial.create(Path.of("dtf-keys/tls"), List.of("core-1.lab", "10.0.0.5"));
 * TlsMaterial loaded = TlsMaterial.load(Path.of("dtf-keys/tls"));  // what a node's TlsContextFactory reads
 * }</pre>
 */
public final class TlsMaterial {
    public static final String CA_CERTIFICATE = "ca.pem";
    public static final String CA_KEYSTORE = "ca.p12";
    public static final String NODE_KEYSTORE = "node.p12";
    public static final String TRUSTSTORE = "truststore.p12";
    public static final String PASSWORD = "password";
    /** Type of the three stores, as Ignite's and the JDK's KeyStore name it. */
    public static final String STORE_TYPE = "PKCS12";
    /** Alias of the node's key entry in {@code node.p12} (and of the CA's in {@code ca.p12}). */
    public static final String NODE_ALIAS = "dtf-node";
    public static final String CA_ALIAS = "dtf-ca";

    /** Every file {@link #create} writes. */
    static final List<String> FILES = List.of(CA_CERTIFICATE, CA_KEYSTORE, NODE_KEYSTORE, TRUSTSTORE, PASSWORD);
    /** What a node needs: not the CA's key, which may stay on the machine that made the material. */
    static final List<String> NODE_FILES = List.of(CA_CERTIFICATE, NODE_KEYSTORE, TRUSTSTORE, PASSWORD);

    private final Path dir;
    private final char[] password;

    private TlsMaterial(Path dir, char[] password) {
        this.dir = dir;
        this.password = password;
    }

    /**
     * Makes a dev CA and a node certificate it signs (names: localhost, 127.0.0.1, this machine's host name and
     * {@code extraHosts}, host names or IP addresses) and writes them to {@code tlsDir}, created if absent.
     *
     * @throws IllegalStateException when {@code tlsDir} already holds TLS material: it is never overwritten, since
     *                               every node and client of the grid holds the old CA
     */
    public static TlsMaterial create(Path tlsDir, List<String> extraHosts) {
        try {
            return load(TlsFiles.write(tlsDir, DevCa.issue(SubjectNames.of(extraHosts))));
        } catch (IOException e) {
            throw new UncheckedIOException("tls: cannot write the TLS material to " + tlsDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The material in {@code tlsDir}, checked to hold what a node needs ({@code ca.p12} may be absent).
     *
     * @throws IllegalArgumentException naming the missing file and how to make it
     */
    public static TlsMaterial load(Path tlsDir) {
        for (String file : NODE_FILES) {
            if (!Files.isRegularFile(tlsDir.resolve(file))) {
                throw new IllegalArgumentException("tls: no " + file + " in " + tlsDir.toAbsolutePath()
                        + "; create the grid's keys with `dtf keys init --keys DIR` and give the same DIR to "
                        + "`dtf node --keys DIR` (or copy that directory to this machine)");
            }
        }
        try {
            String password = Files.readString(tlsDir.resolve(PASSWORD), StandardCharsets.US_ASCII).strip();
            return new TlsMaterial(tlsDir.toAbsolutePath(), password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("tls: cannot read " + tlsDir.resolve(PASSWORD) + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path caCertificate() {
        return dir.resolve(CA_CERTIFICATE);
    }

    public Path nodeKeyStore() {
        return dir.resolve(NODE_KEYSTORE);
    }

    public Path trustStore() {
        return dir.resolve(TRUSTSTORE);
    }

    /** The password of the PKCS12 files (a copy: clear it after use). */
    public char[] password() {
        return password.clone();
    }

    /** The node certificate chain from {@code node.p12}: the node's certificate first, then the CA's. */
    public List<X509Certificate> nodeChain() {
        try {
            return List.of(open(nodeKeyStore()).getCertificateChain(NODE_ALIAS)).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("tls: " + nodeKeyStore() + " has no readable key entry " + NODE_ALIAS, e);
        }
    }

    /** A PKCS12 store of this directory, opened with its password. */
    public KeyStore open(Path store) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance(STORE_TYPE);
            keyStore.load(in, password);
            return keyStore;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls: cannot open " + store + " with the password in "
                    + dir.resolve(PASSWORD) + ": " + e.getMessage(), e);
        }
    }
}
