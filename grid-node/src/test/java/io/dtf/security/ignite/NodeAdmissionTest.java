package io.dtf.security.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.security.Principal;
import io.dtf.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeAdmissionTest {
    private static Principal token(List<String> tags, List<String> attrs) {
        return new Principal("gpu-box", Role.NODE, "t1", Instant.EPOCH, tags, attrs);
    }

    @Test
    void aTokenCoversTheTagsItListsInAnyCaseAndNodesOfferingNone() {
        assertEquals(Optional.empty(), NodeAdmission.uncovered(token(List.of("GPU", "cuda"), List.of()), "cuda,gpu", null));
        assertEquals(Optional.empty(), NodeAdmission.uncovered(token(List.of(), List.of()), null, ""));
    }

    @Test
    void aTagTheTokenLacksIsNamedWithWhatItAllows() {
        assertEquals(Optional.of("the node token allows tags [gpu] but this node offers [gpu, tpu]"),
                NodeAdmission.uncovered(token(List.of("gpu"), List.of()), "gpu,tpu", null));
    }

    @Test
    void declaredAttributesMustBeListedByFullNameOrAlias() {
        Principal p = token(List.of(), List.of("dtf.gpu.count", "dtf.accelerators"));
        assertEquals(Optional.empty(), NodeAdmission.uncovered(p, null, "dtf.accelerators,dtf.gpu.count"));
        String refusal = NodeAdmission.uncovered(p, null, "dtf.gpu.count,dtf.memory.bytes").orElseThrow();
        assertTrue(refusal.contains("but this node declares [dtf.gpu.count, dtf.memory.bytes] (dtf.memory.bytes not allowed"),
                refusal);
    }
}
