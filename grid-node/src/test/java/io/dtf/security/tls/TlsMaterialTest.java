package io.dtf.security.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid's TLS files: what keytool and the JDK read, what the certificates say, what is never overwritten. */
class TlsMaterialTest {
    @TempDir
    Path keys;

    @Test
    void theStoresAreKeytoolCompatiblePkcs12OpenedWithThePasswordFile() throws Exception {
        TlsMaterial created = TlsMaterial.create(keys.resolve("tls"), List.of());
        char[] password = Files.readString(keys.resolve("tls/password")).strip().toCharArray();

        KeyStore node = plainPkcs12(keys.resolve("tls/node.p12"), password);
        assertTrue(node.isKeyEntry(TlsMaterial.NODE_ALIAS));
        assertEquals(2, node.getCertificateChain(TlsMaterial.NODE_ALIAS).length);
        KeyStore trust = plainPkcs12(keys.resolve("tls/truststore.p12"), password);
        assertTrue(trust.isCertificateEntry(TlsMaterial.CA_ALIAS));
        assertEquals(1, trust.size(), "the truststore holds the CA alone");
        assertTrue(plainPkcs12(keys.resolve("tls/ca.p12"), password).isKeyEntry(TlsMaterial.CA_ALIAS));
        assertArrayEquals(password, TlsMaterial.load(keys.resolve("tls")).password());
        assertEquals(created.nodeChain(), TlsMaterial.load(keys.resolve("tls")).nodeChain());
    }

    @Test
    void theNodeCertificateChainsToTheCaPemForServersAndClientsOnEveryGivenName() throws Exception {
        TlsMaterial material = TlsMaterial.create(keys.resolve("tls"), List.of("core-1.lab", "10.0.0.5"));
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(material.caCertificate())) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        X509Certificate node = material.nodeChain().get(0);

        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(node)), params); // throws if not

        assertEquals(ca, material.nodeChain().get(1));
        assertTrue(ca.getBasicConstraints() >= 0, "the CA may sign");
        assertEquals(-1, node.getBasicConstraints(), "the node certificate may not");
        assertTrue(node.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")),
                "server and client authentication: nodes authenticate each other");
        Set<String> names = node.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString())
                .collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("localhost", "127.0.0.1", "core-1.lab", "10.0.0.5")), names.toString());
    }

    @Test
    void secretsAreReadableByTheirOwnerOnly() throws Exception {
        TlsMaterial.create(keys.resolve("tls"), List.of());

        for (String secret : List.of("password", "node.p12", "ca.p12")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(keys.resolve("tls").resolve(secret))), secret);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("tls"))));
    }

    @Test
    void existingMaterialIsNeverOverwritten() throws Exception {
        TlsMaterial.create(keys.resolve("tls"), List.of());
        byte[] before = Files.readAllBytes(keys.resolve("tls/node.p12"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TlsMaterial.create(keys.resolve("tls"), List.of()));

        assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(keys.resolve("tls/node.p12")));
    }

    @Test
    void incompleteMaterialIsRefusedNamingTheMissingFileAndTheCommandThatMakesIt() throws Exception {
        TlsMaterial.create(keys.resolve("tls"), List.of());
        Files.delete(keys.resolve("tls/truststore.p12"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsMaterial.load(keys.resolve("tls")));

        assertTrue(e.getMessage().contains("truststore.p12") && e.getMessage().contains("dtf keys init"), e.getMessage());
    }

    @Test
    void aNodeNeedsNotTheCasKey() {
        TlsMaterial.create(keys.resolve("tls"), List.of());
        assertTrue(keys.resolve("tls/ca.p12").toFile().delete());

        assertEquals(2, TlsMaterial.load(keys.resolve("tls")).nodeChain().size());
    }

    @Test
    void aMalformedHostIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsMaterial.create(keys.resolve("tls"), List.of("core 1")));

        assertTrue(e.getMessage().contains("'core 1'"), e.getMessage());
    }

    /** Opened as keytool opens it: the JDK's own PKCS12, nothing of DTF. */
    private static KeyStore plainPkcs12(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
