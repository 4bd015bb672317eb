package io.dtf.security.signing;

import io.dtf.model.ReportSignature;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A node's own report key: an EC P-256 pair made at node start and kept in memory only (a node
 * that starts again has a new id, so a new key costs nothing). The public half is advertised as a
 * node attribute; the private half never leaves the node.
 *
 * <pre>{@code
 * ReportSigner signer = ReportSigner.generate();
 * ReportSignature s = signer.sign(ReportBytes.of(taskKey, attemptId, nodeId, hwClass, outcome));
 * }</pre>
 */
public final class ReportSigner {
    /** The JDK's name of the signature algorithm: ECDSA over the SHA-256 of the report bytes. */
    public static final String ALGORITHM = "SHA256withECDSA";

    /** The provider that signs and the private key as its own object. */
    private record Signing(Provider provider, PrivateKey key) {
    }

    private final PrivateKey privateKey;
    private final String publicKeyText;
    private final String fingerprint;
    /**
     * Made at the first signature when the provider is the {@link Ecdsa#preferred()} one: loading
     * BouncyCastle (a signed jar, verified as it loads) costs a node about half a second of CPU at
     * start, and a node of a grid without security never signs.
     */
    private volatile Signing signing;

    /** A signer with {@code keys}, signing with the {@link Ecdsa#preferred()} provider (looked up at the first signature). */
    public ReportSigner(KeyPair keys) {
        if (!(keys.getPrivate() instanceof ECPrivateKey)) {
            throw new IllegalArgumentException("keys: not an EC key pair");
        }
        this.privateKey = keys.getPrivate();
        this.publicKeyText = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        this.fingerprint = KeyFingerprint.of(keys.getPublic());
    }

    /** A signer with {@code keys}, signing with {@code provider} (null: the JDK's). */
    public ReportSigner(KeyPair keys, Provider provider) {
        this.privateKey = keys.getPrivate();
        this.signing = signing(provider);
        this.publicKeyText = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        this.fingerprint = KeyFingerprint.of(keys.getPublic());
    }

    private Signing signing(Provider provider) {
        try {
            return new Signing(provider, Ecdsa.own(privateKey, provider));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keys: not an EC key pair "
                    + (provider == null ? "the JDK" : provider.getName()) + " can use", e);
        }
    }

    private Signing signing() {
        Signing s = signing;
        if (s == null) {
            synchronized (this) {
                s = signing;
                if (s == null) {
                    s = signing(Ecdsa.preferred());
                    signing = s;
                }
            }
        }
        return s;
    }

    /** A signer with a fresh EC P-256 key pair. */
    public static ReportSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new ReportSigner(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    /** Signs canonical report bytes ({@link ReportBytes}). */
    public ReportSignature sign(byte[] report) {
        try {
            Signing s = signing();
            Signature signature = Ecdsa.signature(s.provider());
            signature.initSign(s.key());
            signature.update(report);
            return new ReportSignature(fingerprint, Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a report with " + ALGORITHM, e);
        }
    }

    /** The public key as the node advertises it: X.509 DER, base64. */
    public String publicKeyText() {
        return publicKeyText;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
