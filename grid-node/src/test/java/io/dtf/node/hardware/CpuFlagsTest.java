package io.dtf.node.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuFlagsTest {
    private static final String TWO_PROCESSORS = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            cpu cores\t: 1
            fpu\t\t: yes
            flags\t\t: fpu SSE2 avx2
            vmx flags\t: vnmi ept
            bugs\t\t: spectre_v1

            processor\t: 1
            cpu cores\t: 1
            flags\t\t: fpu sse2 avx2
            """;

    @Test
    void flagsComeFromTheFlagsLinesOfCpuinfoOnceAndLowerCase() {
        assertEquals(Set.of("fpu", "sse2", "avx2"), CpuFlags.fromCpuinfo(TWO_PROCESSORS));
    }

    @Test
    void armFeaturesLineGivesTheFlags() {
        assertEquals(Set.of("fp", "asimd", "aes"), CpuFlags.fromCpuinfo("processor\t: 0\nFeatures\t: fp asimd aes\n"));
    }

    @Test
    void cpuinfoWithoutAFlagsLineGivesNoFlags() {
        assertTrue(CpuFlags.fromCpuinfo("processor\t: 0\nmodel name\t: Some CPU\n").isEmpty());
    }

    @Test
    void oshiOnLinuxGivesTheWholeFlagsLine() {
        assertEquals(Set.of("fpu", "vme", "sse4_2"), CpuFlags.fromOshi(List.of("flags\t\t: fpu vme sse4_2")));
    }

    @Test
    void oshiOnMacosGivesSysctlLinesOfWhichOnlyPresentFeaturesCount() {
        assertEquals(Set.of("avx2_0", "feat_aes"), CpuFlags.fromOshi(List.of(
                "hw.optional.avx2_0: 1", "hw.optional.avx512f: 0", "hw.optional.arm.FEAT_AES: 1")));
    }

    @Test
    void oshiOnWindowsGivesOneFeatureNamePerEntry() {
        assertEquals(Set.of("pf_sse3_instructions_available", "pf_nx_enabled"),
                CpuFlags.fromOshi(List.of("PF_SSE3_INSTRUCTIONS_AVAILABLE", "PF_NX_ENABLED")));
    }
}
