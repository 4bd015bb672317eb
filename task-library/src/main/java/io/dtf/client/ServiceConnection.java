package io.dtf.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientConnectionException;
import org.apache.ignite.client.ClientException;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.apache.ignite.services.ServiceCallContext;
import org.apache.ignite.services.ServiceCallContextBuilder;

/**
 * A thin-client connection and a proxy of one DTF service on it: how every client of the grid
 * connects, so each gets the same addresses, timeout, token, TLS and connection errors.
 *
 * @param api        the service proxy
 * @param connection the thin client; closing it ends the proxy too
 */
record ServiceConnection<T>(T api, IgniteClient connection) {

    /**
     * Connects to {@code options}' addresses and makes a proxy of the service {@code name}; the JVM
     * needs DTF's Java 17 flags (config/jvm.args).
     *
     * @throws GridUnreachableException when no address answers, naming the address and what to check
     */
    static <T> ServiceConnection<T> open(ClientOptions options, String name, Class<T> api) {
        ConnectFailures.checkHosts(options.addresses());
        ClientConfiguration config = new ClientConfiguration()
                .setAddresses(options.addresses().toArray(String[]::new))
                .setTimeout((int) options.timeout().toMillis());
        X509TrustManager trust = options.tlsCa() == null ? null : TlsTrust.manager(options.tlsCa(), options.addresses());
        if (trust != null) {
            SSLContext tls = TlsTrust.context(trust);
            config.setSslMode(SslMode.REQUIRED).setSslContextFactory(() -> tls);
        }
        IgniteClient client;
        try {
            client = Ignition.startClient(config);
        } catch (ClientConnectionException e) {
            throw ConnectFailures.explain(options.addresses(), trust, e);
        } catch (ClientException e) {
            // A refused token stays itself; a failed TLS handshake is a connection failure.
            throw ConnectFailures.tlsFailure(e) ? ConnectFailures.explain(options.addresses(), trust, e) : e;
        }
        try {
            // Ignite refuses an empty call context: without a token there is none.
            ServiceCallContext callContext = options.token() == null ? null : new ServiceCallContextBuilder()
                    .put(CoordinatorApi.TOKEN_ATTRIBUTE, "Bearer " + options.token()).build();
            return new ServiceConnection<>(
                    client.services().serviceProxy(name, api, callContext, options.timeout().toMillis()), client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
