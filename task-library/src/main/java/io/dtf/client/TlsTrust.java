package io.dtf.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** A client's trust in the grid's CA and nothing else (no client certificate: tokens say who calls). */
final class TlsTrust {
    private TlsTrust() {
    }

    /** A TLS context trusting what {@code trust} trusts, with no client certificate. */
    static SSLContext context(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * @throws GridUnreachableException naming the file and what to give instead, when it is missing or not a PEM
     *                                  certificate
     */
    static X509TrustManager manager(Path caCertificate, List<String> addresses) {
        if (!Files.isRegularFile(caCertificate)) {
            throw new GridUnreachableException(addresses, "no CA certificate at " + caCertificate.toAbsolutePath()
                    + ": give --keys the grid's keys directory, or a directory holding a copy of its "
                    + ClientOptions.TLS_CA, null);
        }
        try (InputStream in = Files.newInputStream(caCertificate)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException("no certificate in it");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("dtf-ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            for (TrustManager manager : trust.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new GeneralSecurityException("the JDK made no X.509 trust manager");
        } catch (IOException | GeneralSecurityException e) {
            throw new GridUnreachableException(addresses, "cannot read the grid's CA certificate "
                    + caCertificate.toAbsolutePath() + " (" + e.getMessage() + "): it must be the PEM file "
                    + ClientOptions.TLS_CA + " of the grid's keys directory", e);
        }
    }
}
