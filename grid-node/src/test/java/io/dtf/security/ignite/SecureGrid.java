package io.dtf.security.ignite;

import io.dtf.cli.Launcher;
import io.dtf.security.Role;
import io.dtf.security.TestKeys;
import io.dtf.security.token.SigningKeys;
import io.dtf.security.token.TokenIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;

/**
 * A grid with security on, started node by node through the real {@code dtf} launcher from
 * config/ignite-secure.xml, with a complete keys directory (TLS material and token keys) and the tokens of a test.
 *
 * <pre>{@code
 * SecureGrid grid = SecureGrid.in("node-admission", 31650, 31660);
 * Process server = grid.start("server", 0, grid.tokenFile("server", grid.node("server-1")), "--roles", "coordinator,data");
 * }</pre>
 */
final class SecureGrid implements AutoCloseable {
    private final Launcher dtf;
    private final TestKeys keys;
    private final TokenIssuer issuer;
    private final int discovery;
    private final int communication;
    private final List<Process> processes = new ArrayList<>();

    private SecureGrid(Launcher dtf, int discovery, int communication) {
        this.dtf = dtf;
        this.keys = TestKeys.create(dtf.work().resolve("keys"));
        this.issuer = keys.issuer();
        this.discovery = discovery;
        this.communication = communication;
    }

    /** A grid working in {@code target/NAME}, discovery on ports {@code discovery..+9}, communication on {@code communication..+9}. */
    static SecureGrid in(String name, int discovery, int communication) throws IOException {
        return new SecureGrid(Launcher.in(name), discovery, communication);
    }

    Launcher launcher() {
        return dtf;
    }

    Path keys() {
        return keys.dir();
    }

    TokenIssuer issuer() {
        return issuer;
    }

    /** A node token for {@code subject}, valid for an hour, allowing {@code tags}. */
    String node(String subject, String... tags) {
        return issuer.issue(Role.NODE, subject, Duration.ofHours(1), List.of(tags), List.of()).token();
    }

    /** A token of {@code role} for {@code subject}, valid for an hour. */
    String token(Role role, String subject) {
        return issuer.issue(role, subject, Duration.ofHours(1)).token();
    }

    /** A token of this grid's key that expired an hour ago. */
    String expired(Role role, String subject) {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        return new TokenIssuer(SigningKeys.load(keys.jwt()), past).issue(role, subject, Duration.ofHours(1))
                .token();
    }

    /** A well-made token of another grid's key. */
    String foreign(Role role, String subject) {
        SigningKeys theirs = SigningKeys.create(dtf.work().resolve("other-grid-" + System.nanoTime()).resolve("jwt"));
        return new TokenIssuer(theirs, Clock.systemUTC()).issue(role, subject, Duration.ofHours(1)).token();
    }

    /** {@code token} with its payload changed (the role claim) and its signature kept. */
    static String forged(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"sub\":\"", "\"sub\":\"x");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Writes {@code token} to a file of the work directory, for {@code --token-file}. */
    Path tokenFile(String name, String token) throws IOException {
        return Files.writeString(dtf.work().resolve(name + ".token"), token);
    }

    /** The arguments of {@code dtf node} for node number {@code i} of this grid, then {@code more}. */
    List<String> nodeArgs(String name, int i, String... more) {
        List<String> args = new ArrayList<>(List.of("node", "--config", Launcher.home().resolve("config/ignite-secure.xml")
                .toString(), "--data-dir", name, "--keys", keys.dir().toString(), "--port", String.valueOf(discovery + i),
                "--comm-port", String.valueOf(communication + i), "--join", "127.0.0.1:" + discovery + ".." + (discovery + 9)));
        args.addAll(List.of(more));
        return args;
    }

    /** Starts {@code dtf node} in the background, its output in {@code NAME.out}; stopped by {@link #close()}. */
    Process start(String name, int i, String... more) throws IOException {
        Process p = dtf.start(dtf.work().resolve(name + ".out"), nodeArgs(name, i, more).toArray(String[]::new));
        processes.add(p);
        return p;
    }

    /** Starts {@code dtf node} and waits until it is up; its console output. */
    String startUp(String name, int i, String... more) throws IOException, InterruptedException {
        Process p = start(name, i, more);
        return Launcher.awaitStarted(p, dtf.work().resolve(name + ".out"), Duration.ofSeconds(90),
                out -> out.contains("logs: "));
    }

    /** What node {@code name} printed so far. */
    String output(String name) throws IOException {
        return Files.readString(dtf.work().resolve(name + ".out"));
    }

    /** What node {@code name} wrote to its log file. */
    String log(String name) throws IOException {
        return Files.readString(dtf.work().resolve(name).resolve("logs").resolve("dtf.log"));
    }

    /**
     * A raw Ignite thin client on {@code address}, over TLS trusting this grid's CA, presenting {@code token} (null:
     * no credentials).
     */
    IgniteClient client(String address, String token) {
        return keys.thinClient(address, token);
    }

    /** {@code cfg} with this grid's TLS (required, trusting its CA). */
    ClientConfiguration withTls(ClientConfiguration cfg) {
        return keys.withTls(cfg);
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
