package io.dtf.security.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Where the ECDSA of signed reports comes from: the JCA {@code Signature} API, from BouncyCastle's
 * provider when it is on the class path (as on every node: the node module depends on it), else
 * from the JDK's. On Java 17 the JDK's P-256 code is pure Java and about five times slower
 * (measured by {@code SigningBenchmark}); the signatures are the same standard DER either way, so
 * nodes of either kind verify each other. BouncyCastle is used by this class only, never
 * installed JVM-wide.
 */
public final class Ecdsa {
    private static final Provider PREFERRED = bouncyCastle();

    private Ecdsa() {
    }

    /** The provider reports are signed and verified with by default; null means the JDK's. */
    public static Provider preferred() {
        return PREFERRED;
    }

    /** A fresh {@link ReportSigner#ALGORITHM} instance from {@code provider}, or the JDK's when it is null. */
    static Signature signature(Provider provider) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(ReportSigner.ALGORITHM)
                : Signature.getInstance(ReportSigner.ALGORITHM, provider);
    }

    /**
     * {@code key} as {@code provider}'s own key object (null: as it is). A provider works far
     * faster with its own keys: BouncyCastle recognises P-256 and uses its precomputed tables only
     * for keys it decoded itself.
     */
    static PrivateKey own(PrivateKey key, Provider provider) throws GeneralSecurityException {
        return provider == null ? key
                : KeyFactory.getInstance("EC", provider).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    /** As {@link #own(PrivateKey, Provider)}, for a public key. */
    static PublicKey own(PublicKey key, Provider provider) throws GeneralSecurityException {
        return provider == null ? key
                : KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }

    private static Provider bouncyCastle() {
        try {
            return (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider")
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
