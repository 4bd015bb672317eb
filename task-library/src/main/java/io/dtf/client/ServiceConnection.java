package io.dtf.client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientAuthenticationException;
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
     * needs DTF's Java 17 flags (config/jvm.args). A token goes both as the connection's credentials
     * (user {@link ClientOptions#TOKEN_USER}, the token as password), which a grid with security on
     * checks before anything else, and with every call, which the service checks against its roles.
     *
     * @throws GridUnreachableException when no address answers, naming the address and what to check
     * @throws AccessDeniedException    when the grid refuses the connection's credentials
     */
    static <T> ServiceConnection<T> open(ClientOptions options, String name, Class<T> api) {
        ConnectFailures.checkHosts(options.addresses());
        ClientConfiguration config = new ClientConfiguration()
                .setAddresses(options.addresses().toArray(String[]::new))
                .setTimeout((int) options.timeout().toMillis());
        if (options.token() != null) {
            config.setUserName(ClientOptions.TOKEN_USER).setUserPassword(options.token());
        }
        X509TrustManager trust = options.tlsCa() == null ? null : TlsTrust.manager(options.tlsCa(), options.addresses());
        if (trust != null) {
            SSLContext tls = TlsTrust.context(trust);
            config.setSslMode(SslMode.REQUIRED).setSslContextFactory(() -> tls);
        }
        IgniteClient client;
        try {
            client = Ignition.startClient(config);
        } catch (ClientAuthenticationException e) {
            throw AccessDeniedException.in(e).orElseGet(() -> new AccessDeniedException("AUTHENTICATION",
                    "the grid at " + String.join(",", options.addresses()) + " refused the connection ("
                            + e.getMessage() + "): give a valid token with --token, DTF_TOKEN or --token-file"));
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
            return new ServiceConnection<>(refusalsAsExceptions(
                    client.services().serviceProxy(name, api, callContext, options.timeout().toMillis()), api), client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** {@code proxy}, throwing an {@link AccessDeniedException} where the grid refused a call (the thin client only says "failed"). */
    private static <T> T refusalsAsExceptions(T proxy, Class<T> api) {
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (self, method, args) -> {
            try {
                return method.invoke(proxy, args);
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                throw AccessDeniedException.in(failure).map(Throwable.class::cast).orElse(failure);
            }
        }));
    }
}
