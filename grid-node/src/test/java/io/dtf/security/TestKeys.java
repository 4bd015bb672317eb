package io.dtf.security;

import io.dtf.security.ignite.TokenCredentials;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import io.dtf.security.tls.TlsMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;

/**
 * A complete keys directory for a test, as {@code dtf keys init --keys DIR} makes it: {@code DIR/tls} (the dev CA,
 * the nodes' keystore and truststore) and {@code DIR/jwt} (the token keys), with the tokens a test hands to its nodes
 * and clients.
 *
 * <pre>{@code
 * TestKeys keys = TestKeys.create(work.resolve("keys"));
 * Path serverToken = keys.tokenFile(work.resolve("server.token"), keys.nodeToken("server-1"));
 * }</pre>
 */
public final class TestKeys {
    private final Path dir;
    private final TlsMaterial tls;
    private final TokenIssuer issuer;

    private TestKeys(Path dir, TlsMaterial tls, SigningKeys jwt) {
        this.dir = dir.toAbsolutePath();
        this.tls = tls;
        this.issuer = new TokenIssuer(jwt, Clock.systemUTC());
    }

    /** Makes the TLS material and the token keys in {@code dir}, which must not hold either yet. */
    public static TestKeys create(Path dir) {
        TlsMaterial tls = TlsMaterial.create(dir.resolve("tls"), List.of());
        return new TestKeys(dir, tls, SigningKeys.create(dir.resolve("jwt")));
    }

    /** The keys directory, for {@code --keys} and {@link GridSecurity#DIR_PROPERTY}. */
    public Path dir() {
        return dir;
    }

    /** The token keys ({@code DIR/jwt}). */
    public Path jwt() {
        return dir.resolve("jwt");
    }

    public TokenIssuer issuer() {
        return issuer;
    }

    /** A node token for {@code subject}, valid for an hour, allowing {@code tags}. */
    public String nodeToken(String subject, String... tags) {
        return issuer.issue(Role.NODE, subject, Duration.ofHours(1), List.of(tags), List.of()).token();
    }

    /** A token of {@code role} for {@code subject}, valid for an hour. */
    public String token(Role role, String subject) {
        return issuer.issue(role, subject, Duration.ofHours(1)).token();
    }

    /** Writes {@code token} to {@code file}, for {@code --token-file}; the file. */
    public static Path tokenFile(Path file, String token) throws IOException {
        return Files.writeString(file, token);
    }

    /**
     * A raw Ignite thin client on {@code address} over TLS trusting this grid's CA, presenting {@code token} (null:
     * no credentials), as DTF's own client connects.
     */
    public IgniteClient thinClient(String address, String token) {
        ClientConfiguration cfg = new ClientConfiguration().setAddresses(address).setTimeout(20_000);
        if (token != null) {
            cfg.setUserName(TokenCredentials.USER).setUserPassword(token);
        }
        return Ignition.startClient(withTls(cfg));
    }

    /** {@code cfg} with TLS required, trusting this grid's CA and presenting no certificate. */
    public ClientConfiguration withTls(ClientConfiguration cfg) {
        SSLContext context = trustingTheCa();
        return cfg.setSslMode(SslMode.REQUIRED).setSslContextFactory(() -> context);
    }

    private SSLContext trustingTheCa() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(tls.open(tls.trustStore()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the test grid's CA: " + e.getMessage(), e);
        }
    }
}
