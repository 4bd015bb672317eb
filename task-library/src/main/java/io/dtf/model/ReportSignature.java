package io.dtf.model;

/**
 * A worker's signature over its report ({@code io.dtf.security.signing.ReportBytes}), as it travels to the coordinator.
 *
 * @param keyFingerprint the signing key's {@code KeyFingerprint}, so a verifier sees at once when
 *                       a report was signed with another key than the node's registered one
 * @param value          the SHA256withECDSA signature (DER), base64
 */
public record ReportSignature(String keyFingerprint, String value) {
}
