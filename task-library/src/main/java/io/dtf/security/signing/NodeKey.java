package io.dtf.security.signing;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * A node's report key as the grid trusts it: an entry of the node key registry (cache
 * {@code dtf-node-keys}), written by the coordinator for a node it admitted, read by the coordinator
 * and the aggregator to verify what the node signed.
 *
 * @param publicKey   the EC P-256 public key, X.509 (SubjectPublicKeyInfo) DER in base64, as the node advertises it
 * @param fingerprint its {@link KeyFingerprint}
 * @param registeredAt when the coordinator registered it
 */
public record NodeKey(String nodeId, String publicKey, String fingerprint, Instant registeredAt) {

    /** The registry entry for {@code nodeId} advertising {@code publicKeyText}; throws when that is no EC public key. */
    public static NodeKey of(String nodeId, String publicKeyText, Instant registeredAt) {
        return new NodeKey(nodeId, publicKeyText, KeyFingerprint.of(decode(publicKeyText)), registeredAt);
    }

    public PublicKey key() {
        return decode(publicKey);
    }

    static PublicKey decode(String base64) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new IllegalArgumentException("report key: not a base64 X.509 EC public key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no EC keys", e);
        }
    }
}
