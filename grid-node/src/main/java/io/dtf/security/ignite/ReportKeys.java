package io.dtf.security.ignite;

import io.dtf.security.GridSecurity;
import io.dtf.security.signing.ReportSigner;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ignite.Ignite;

/**
 * Each node's report key ({@link ReportSigner}), found by its Ignite instance (tests run several
 * nodes in one JVM). The node makes it at start, advertises the public half as the attribute
 * {@link #ATTRIBUTE}, and signs its workers' reports with it while security is on.
 *
 * <p>Signing follows security (see docs/SECURITY.md, "Signed results"): a signature only means
 * something when the grid decides who may join, and signing once and verifying twice costs each
 * result about ten times the CPU of carrying it unsigned (docs/PERFORMANCE.md, "Signed results").
 */
public final class ReportKeys {
    /**
     * The node attribute holding the public key (X.509 DER, base64). Outside {@code dtf.*} on
     * purpose: those are hardware attributes, matched by requirements and recorded per node.
     */
    public static final String ATTRIBUTE = "dtf-report-key";

    private static final Map<String, ReportSigner> BY_INSTANCE = new ConcurrentHashMap<>();
    private static final String UNNAMED = "";

    private ReportKeys() {
    }

    /** Makes the report key of a node about to start as {@code instanceName}. */
    public static ReportSigner create(String instanceName) {
        ReportSigner signer = ReportSigner.generate();
        BY_INSTANCE.put(key(instanceName), signer);
        return signer;
    }

    /** Forgets the key of a stopped node. */
    public static void forget(String instanceName) {
        BY_INSTANCE.remove(key(instanceName));
    }

    /** The key this node signs its reports with, when it signs: security on, and a key made at start. */
    public static Optional<ReportSigner> signer(Ignite ignite) {
        return signing(ignite) ? Optional.ofNullable(BY_INSTANCE.get(key(ignite.name()))) : Optional.empty();
    }

    /** Whether reports are signed, and a report that needs a signature is refused without one, on this node. */
    public static boolean signing(Ignite ignite) {
        return GridSecurity.of(ignite).isPresent();
    }

    private static String key(String instanceName) {
        return instanceName == null ? UNNAMED : instanceName;
    }
}
