package io.dtf.security.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** On a node BouncyCastle does the ECDSA; its signatures and the JDK's verify each other. */
class EcdsaProvidersTest {
    private final AttemptOutcome outcome = new AttemptOutcome(TaskState.PASSED, Instant.EPOCH, Instant.EPOCH, 0,
            List.of(new Metric("t", "ms", List.of(1.0))), "out", "", null);
    private final byte[] report = ReportBytes.of("r/t", "1:1", "n", "hw", outcome);

    @Test
    void nodesUseBouncyCastle() {
        assertNotNull(Ecdsa.preferred(), "the node module brings BouncyCastle");
        assertEquals("BC", Ecdsa.preferred().getName());
    }

    @Test
    void signaturesOfEitherProviderVerifyWithTheOther() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        ReportSigner jdk = new ReportSigner(keys, null);
        ReportSigner bc = new ReportSigner(keys, Ecdsa.preferred());
        NodeKey registered = NodeKey.of("n", jdk.publicKeyText(), Instant.now());
        ReportVerifier byJdk = new ReportVerifier(id -> registered, true, null);
        ReportVerifier byBc = new ReportVerifier(id -> registered, true, Ecdsa.preferred());

        assertEquals(Optional.empty(), byBc.refusal("r/t", "1:1", "n", "hw", outcome, jdk.sign(report)));
        assertEquals(Optional.empty(), byJdk.refusal("r/t", "1:1", "n", "hw", outcome, bc.sign(report)));
        assertTrue(byBc.refusal("r/t", "1:2", "n", "hw", outcome, bc.sign(report)).isPresent());
    }
}
