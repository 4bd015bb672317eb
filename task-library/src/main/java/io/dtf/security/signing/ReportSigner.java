package io.dtf.security.signing;

import io.dtf.model.ReportSignature;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
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

    private final PrivateKey privateKey;
    private final Provider provider;
    private final String publicKeyText;
    private final String fingerprint;

    /** A signer with {@code keys}, signing with the {@link Ecdsa#preferred()} provider. */
    public ReportSigner(KeyPair keys) {
        this(keys, Ecdsa.preferred());
    }

    /** A signer with {@code keys}, signing with {@code provider} (null: the JDK's). */
    public ReportSigner(KeyPair keys, Provider provider) {
        try {
            this.privateKey = Ecdsa.own(keys.getPrivate(), provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keys: not an EC key pair " + provider.getName() + " can use", e);
        }
        this.provider = provider;
        this.publicKeyText = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        this.fingerprint = KeyFingerprint.of(keys.getPublic());
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
            Signature signature = Ecdsa.signature(provider);
            signature.initSign(privateKey);
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
