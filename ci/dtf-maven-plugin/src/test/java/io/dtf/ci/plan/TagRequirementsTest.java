package io.dtf.ci.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagRequirementsTest {
    private static TestClass tagged(String... tags) {
        return new TestClass("a.KernelTest", List.of(tags), List.of("os == linux"), Map.of(), 100);
    }

    @Test
    void aTaggedClassGainsTheRequirementsItsTagsStandFor() {
        Map<String, String> configured = new LinkedHashMap<>();
        configured.put("gpu", "gpu.count >= 1");
        configured.put("bigmem", "memory >= 64GiB; os == linux\n has gpu.model");
        TagRequirements mapping = TagRequirements.parse(configured);

        assertEquals(Map.of("gpu", List.of("gpu.count >= 1"), "bigmem", List.of("memory >= 64GiB", "os == linux", "has gpu.model")),
                mapping.asMap());
        assertEquals(List.of("os == linux", "gpu.count >= 1", "memory >= 64GiB", "has gpu.model"),
                mapping.applyTo(tagged("gpu", "bigmem", "other")).requirements());
        TestClass untagged = tagged("other");
        assertSame(untagged, mapping.applyTo(untagged));
    }

    @Test
    void anUnreadableRequirementNamesItsTag() {
        InvalidRequirementException e = assertThrows(InvalidRequirementException.class,
                () -> TagRequirements.parse(Map.of("gpu", "gpus >= 1")));
        assertTrue(e.getMessage().startsWith("tagRequirements: tag 'gpu': 'gpus >= 1': unknown attribute 'gpus'"), e.getMessage());
        InvalidRequirementException empty = assertThrows(InvalidRequirementException.class,
                () -> TagRequirements.parse(Map.of("gpu", " ")));
        assertTrue(empty.getMessage().startsWith("tagRequirements: tag 'gpu' maps to no requirement"), empty.getMessage());
    }
}
