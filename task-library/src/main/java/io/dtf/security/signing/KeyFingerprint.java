package io.dtf.security.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/** A public key's short name: {@code sha256:} and the first 16 bytes of the SHA-256 of its X.509 encoding, in hex. */
public final class KeyFingerprint {
    private KeyFingerprint() {
    }

    public static String of(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
