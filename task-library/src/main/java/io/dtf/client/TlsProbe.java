package io.dtf.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How a thin-client port answers a TLS handshake: the diagnosis of a connection that failed. It sends nothing but
 * the handshake, and notes whether the peer presented a certificate and whether the client's trust accepted it.
 */
final class TlsProbe {
    private static final int TIMEOUT_MS = 3000;

    /** What the port answered. */
    enum Answer {
        /** No certificate came: the port does not speak TLS (or did not answer). */
        NO_TLS,
        /** A certificate came that the client's trust (its CA) refused, or the client trusts no CA. */
        UNTRUSTED,
        /** A certificate signed by the client's CA. */
        TRUSTED
    }

    private TlsProbe() {
    }

    /**
     * @param trust the client's trust in the grid's CA, or null for a client without TLS (then any certificate is
     *              {@link Answer#UNTRUSTED})
     */
    static Answer probe(String host, int port, X509TrustManager trust) {
        Observer observer = new Observer(trust);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {observer}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
                socket.setSoTimeout(TIMEOUT_MS);
                socket.startHandshake();
            }
        } catch (IOException | GeneralSecurityException e) {
            // Expected for every answer but TRUSTED: the observer says what happened.
        }
        return observer.answer;
    }

    /** Records what the server presented; trusts it only as the client's own trust does. */
    private static final class Observer implements X509TrustManager {
        private final X509TrustManager trust;
        private volatile Answer answer = Answer.NO_TLS;

        Observer(X509TrustManager trust) {
            this.trust = trust;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            answer = Answer.UNTRUSTED;
            if (trust == null) {
                throw new CertificateException("no CA given: nothing is trusted");
            }
            trust.checkServerTrusted(chain, authType);
            answer = Answer.TRUSTED;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not check clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
