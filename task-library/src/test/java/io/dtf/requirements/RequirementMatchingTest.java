package io.dtf.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.hardware.HardwareKeys;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequirementMatchingTest {
    private static final Map<String, Object> NODE = Map.of(
            HardwareKeys.OS_FAMILY, "linux",
            HardwareKeys.OS_ARCH, "x86_64",
            HardwareKeys.CPU_CORES, 8,
            HardwareKeys.MEMORY_BYTES, 17_179_869_184L,
            HardwareKeys.GPU_VENDOR, "NVIDIA",
            HardwareKeys.TAGS, "webgpu, chrome",
            HardwareKeys.ACCELERATORS, "cuda",
            HardwareKeys.JAVA_VERSION, "17",
            "dtf.browser.chrome", "120");

    @Test
    void numericBoundsCompareLongAndIntegerAttributes() {
        assertTrue(matches("memory >= 16GiB"));
        assertTrue(matches("memory <= 16GiB"));
        assertFalse(matches("memory > 16GiB"));
        assertTrue(matches("memory > 15.5GiB"));
        assertTrue(matches("memory == 17179869184"));
        assertTrue(matches("cores >= 8"));
        assertFalse(matches("cores > 8"));
        assertTrue(matches("cores != 4"));
        assertTrue(matches("cores < 8.5"));
    }

    @Test
    void numericBoundsReadNumbersPublishedAsText() {
        assertTrue(matches("java >= 17"));
        assertFalse(matches("java >= 21"));
        assertTrue(matches("dtf.browser.chrome >= 100"));
        assertTrue(Requirement.parse("memory >= 1GiB").test(Map.of(HardwareKeys.MEMORY_BYTES, "2GiB")));
        assertFalse(Requirement.parse("memory >= 1GiB").test(Map.of(HardwareKeys.MEMORY_BYTES, "plenty")));
    }

    @Test
    void textComparesIgnoringCase() {
        assertTrue(matches("os == Linux"));
        assertTrue(matches("gpu.vendor == nvidia"));
        assertFalse(matches("os == windows"));
        assertTrue(matches("os != windows"));
        assertFalse(matches("arch != X86_64"));
    }

    @Test
    void membershipMatchesAnyListedValueIgnoringCase() {
        assertTrue(matches("gpu.vendor in [amd, nvidia]"));
        assertTrue(matches("os in [Linux]"));
        assertFalse(matches("gpu.vendor in [amd, intel]"));
    }

    @Test
    void onListAttributesEqualityAndMembershipMatchAnElement() {
        Map<String, Object> node = Map.of("dtf.accelerators", "cuda,webgpu", "dtf.cpu.flags", "sse4_2,avx2,fma");
        assertTrue(Requirement.parse("cpu.flags == avx2").test(node));
        assertFalse(Requirement.parse("cpu.flags == avx512f").test(node));
        assertTrue(Requirement.parse("cpu.flags != avx512f").test(node));
        assertFalse(Requirement.parse("accelerators != cuda").test(node));
        assertTrue(Requirement.parse("accelerators in [rocm, CUDA]").test(node));
        assertFalse(Requirement.parse("accelerators in [rocm, tpu]").test(node));
    }

    @Test
    void presenceNeedsANonBlankValue() {
        assertTrue(matches("has gpu.vendor"));
        assertFalse(matches("has gpu.model"));
        assertFalse(Requirement.parse("has gpu.model").test(Map.of(HardwareKeys.GPU_MODEL, "  ")));
    }

    @Test
    void tagsMatchAnEntryOfTheTagOrAcceleratorLists() {
        assertTrue(matches("tag chrome"), "second entry, after a comma and a space");
        assertTrue(matches("tag WebGPU"));
        assertTrue(matches("tag cuda"), "accelerators count as tags");
        assertFalse(matches("tag rocm"));
        assertFalse(matches("tag web"), "a tag is a whole entry, not a substring");
    }

    @Test
    void aMissingAttributeNeverMatches() {
        Map<String, Object> bare = Map.of();
        for (String line : new String[] {"cores >= 1", "cores < 1000", "os == linux", "os != linux",
                "gpu.vendor in [nvidia]", "has gpu.vendor", "tag cuda"}) {
            assertFalse(Requirement.parse(line).test(bare), line);
        }
    }

    @Test
    void unmetIsEmptyWhenTheRequirementHolds() {
        assertEquals(Optional.empty(), Requirement.parse("cores >= 8").unmet(NODE));
        assertEquals(Optional.empty(), Requirement.parse("tag cuda").unmet(NODE));
    }

    @Test
    void unmetSaysWhatTheNodeHas() {
        assertEquals("dtf.memory.bytes >= 32GiB (node has dtf.memory.bytes=16 GiB)",
                Requirement.parse("memory >= 32GiB").unmet(NODE).orElseThrow());
        assertEquals("dtf.cpu.cores > 8 (node has dtf.cpu.cores=8)",
                Requirement.parse("cores > 8").unmet(NODE).orElseThrow());
        assertEquals("dtf.gpu.model == a100 (node has no dtf.gpu.model)",
                Requirement.parse("gpu.model == a100").unmet(NODE).orElseThrow());
        assertEquals("has dtf.gpu.model (node has no dtf.gpu.model)",
                Requirement.parse("has gpu.model").unmet(NODE).orElseThrow());
        assertEquals("dtf.os.family in [windows, macos] (node has dtf.os.family=linux)",
                Requirement.parse("os in [windows, macos]").unmet(NODE).orElseThrow());
        assertEquals("tag rocm (node has tags=webgpu, chrome, accelerators=cuda)",
                Requirement.parse("tag rocm").unmet(NODE).orElseThrow());
    }

    private static boolean matches(String line) {
        return Requirement.parse(line).test(NODE);
    }
}
